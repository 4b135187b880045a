import { describe, expect, it } from 'vitest';
import type { TrainOptions } from '../backend';
import type { Dataset } from '../data/dataset';
import type { ModelParams, ModelSpec } from '../model/spec';
import { type StepInput, stepDetails } from './stepDetails';

const f32 = (values: number[]) => Float32Array.from(values);

/** Every value of a preview, row by row, to compare with PyTorch's printout. */
function rowsOf(p: { shownRows: number; shownCols: number; values: number[] }): number[][] {
  return Array.from({ length: p.shownRows }, (_, r) =>
    p.values.slice(r * p.shownCols, (r + 1) * p.shownCols),
  );
}

function expectClose(actual: number[][], expected: number[][], digits: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, r) => {
    expect(row.length).toBe(expected[r]!.length);
    row.forEach((v, c) => {
      expect(v).toBeCloseTo(expected[r]![c]!, digits);
    });
  });
}

// Linear(3, 2) -> ReLU -> Linear(2, 1), MSE, SGD lr 1e-4, one batch of four rows of the crop
// yields; b1 puts row 3 of fc1's first unit below 0, so the ReLU cuts it. Reference (PyTorch 1.13):
//   z1 = X @ W1.T + b1; h1 = relu(z1); z2 = h1 @ W2.T + b2
//   loss = F.mse_loss(z2, Y); loss.backward(); torch.optim.SGD(params, lr=1e-4).step()
const mlp: ModelSpec = {
  inputShape: [3],
  layers: [
    { kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' },
    { kind: 'relu', nodeId: 'relu1' },
    { kind: 'linear', inFeatures: 2, outFeatures: 1, nodeId: 'fc2' },
  ],
};
const X = [
  [73, 67, 43],
  [91, 88, 64],
  [87, 134, 58],
  [102, 43, 37],
];
const Y = [56, 81, 119, 22];
const before: ModelParams = [
  { weight: f32([0.01, -0.02, 0.03, 0.02, 0.01, -0.01]), bias: f32([-0.6, -0.25]) },
  { weight: f32([0.7, -0.4]), bias: f32([0.1]) },
];
const torch = {
  z1: [
    [0.07999998331069946, 1.4499999284744263],
    [0.46999990940093994, 1.809999942779541],
    [-0.6699998378753662, 2.25],
    [0.6699999570846558, 1.8499999046325684],
  ],
  h1: [
    [0.07999998331069946, 1.4499999284744263],
    [0.46999990940093994, 1.809999942779541],
    [0, 2.25],
    [0.6699999570846558, 1.8499999046325684],
  ],
  z2: [[-0.42399999499320984], [-0.2950000464916229], [-0.800000011920929], [-0.17100000381469727]],
  loss: 6159.03466796875,
  dW1: [
    [-4822.3837890625, -4160.7021484375, -2957.3037109375],
    [4840.16845703125, 5588.18408203125, 3079.56787109375],
  ],
  db1: [[-55.96149826049805, 55.9379997253418]],
  dW2: [[-28.788564682006836, -269.7625427246094]],
  db2: [[-139.84498596191406]],
  W1after: [
    [0.4922383725643158, 0.3960702121257782, 0.3257303535938263],
    [-0.4640168249607086, -0.5488184094429016, -0.3179567754268646],
  ],
  b1after: [-0.594403862953186, -0.25559380650520325],
  W2after: [0.7028788328170776, -0.37302374839782715],
  b2after: [0.11398450285196304],
};
const after: ModelParams = [
  { weight: f32(torch.W1after.flat()), bias: f32(torch.b1after) },
  { weight: f32(torch.W2after), bias: f32(torch.b2after) },
];

function table(x: number[][], y: number[]): Dataset {
  return {
    name: 'crops',
    count: x.length,
    sampleShape: [x[0]!.length],
    x: f32(x.flat()),
    targets: { task: 'regression', values: f32(y), size: 1, names: ['apples'] },
    featureNames: ['temp', 'rain', 'humidity'],
  };
}

const sgd: TrainOptions = {
  loss: 'mse',
  optimizer: { type: 'sgd', lr: 1e-4, momentum: 0, weightDecay: 0 },
  batchSize: 4,
  shuffle: false,
  seed: 1,
};

function step(overrides: Partial<StepInput>): StepInput {
  return {
    model: mlp,
    before,
    after,
    data: table(X, Y),
    options: sgd,
    batch: { indices: Uint32Array.from([0, 1, 2, 3]), start: 0, size: 4 },
    epoch: 0,
    step: 0,
    stepsPerEpoch: 1,
    globalStep: 0,
    ...overrides,
  };
}

describe('stepDetails', () => {
  it("shows each Linear layer's own input, output, gradients and update, as PyTorch has them", () => {
    const d = stepDetails(step({}));
    expect(d).toMatchObject({ epoch: 1, step: 1, batchSize: 4, rule: 'sgd', lr: 1e-4 });
    expect(d.loss).toBeCloseTo(torch.loss, 1);
    const [fc1, fc2] = d.layers;
    expect(d.layers).toHaveLength(2);

    expect(fc1).toMatchObject({ nodeId: 'fc1', position: 0, inputFrom: undefined });
    expect(fc1!.isOutput).toBe(false);
    expect(rowsOf(fc1!.x)).toEqual(X);
    expectClose(rowsOf(fc1!.z), torch.z1, 5);
    expectClose(rowsOf(fc1!.dW), torch.dW1, 1);
    expectClose(rowsOf(fc1!.db), torch.db1, 3);
    expect(fc1!.z).toMatchObject({ rows: 4, cols: 2 });
    expect(fc1!.w).toMatchObject({ rows: 2, cols: 3, shownRows: 2, shownCols: 3 });

    // fc2 received h1 = relu(z1), not the batch: its input is [4 x 2], its output the network's.
    expect(fc2).toMatchObject({ nodeId: 'fc2', position: 1, inputFrom: 'relu1', isOutput: true });
    expect(fc2!.x).toMatchObject({ rows: 4, cols: 2 });
    expectClose(rowsOf(fc2!.x), torch.h1, 5);
    expectClose(rowsOf(fc2!.z), torch.z2, 5);
    expectClose(rowsOf(fc2!.dW), torch.dW2, 2);
    expectClose(rowsOf(fc2!.db), torch.db2, 2);
    expect(d.predictions).toEqual(fc2!.z);
    expect(rowsOf(d.targets)).toEqual(Y.map((y) => [y]));
  });

  it("names the rate of the step's epoch under a schedule", () => {
    const options: TrainOptions = { ...sgd, schedule: { type: 'step', stepSize: 2, gamma: 0.5 } };
    expect(stepDetails(step({ options, epoch: 1 })).lr).toBe(1e-4);
    expect(stepDetails(step({ options, epoch: 2 })).lr).toBe(5e-5);
  });

  it('reads the update from the parameters after the step: -lr * grad for plain SGD', () => {
    const d = stepDetails(step({}));
    for (const layer of d.layers) {
      layer.updateW.values.forEach((u, i) => {
        expect(u).toBeCloseTo(-1e-4 * layer.dW.values[i]!, 5);
        expect(layer.wAfter.values[i]).toBeCloseTo(layer.w.values[i]! + u, 6);
      });
      layer.updateB.values.forEach((u, i) => {
        expect(u).toBeCloseTo(-1e-4 * layer.db.values[i]!, 6);
      });
    }
    expect(d.layers[1]!.bAfter.values).toEqual([Math.fround(torch.b2after[0]!)]);
  });

  it("shows the columns of a wide input where the batch varies, and W's same columns", () => {
    // Images of 4 x 4 pixels, background 0 but for pixels 5, 6, 9, 10 (the middle), and 15 the same in all.
    const pixels = (values: Record<number, number>) =>
      Array.from({ length: 16 }, (_, p) => values[p] ?? 0);
    const images = [
      pixels({ 5: 1, 6: 0.5, 9: 0.25, 10: 1, 15: 0.5 }),
      pixels({ 5: 0, 6: 1, 9: 1, 10: 0, 15: 0.5 }),
      pixels({ 5: 1, 6: 0, 9: 0.5, 10: 0.5, 15: 0.5 }),
    ];
    const data: Dataset = {
      name: 'tiny',
      count: 3,
      sampleShape: [4, 4],
      x: f32(images.flat()),
      targets: { task: 'classification', labels: Int32Array.from([0, 1, 0]), classes: ['a', 'b'] },
      featureNames: [],
    };
    const model: ModelSpec = {
      inputShape: [4, 4],
      layers: [
        { kind: 'flatten', nodeId: 'flat' },
        { kind: 'linear', inFeatures: 16, outFeatures: 2, nodeId: 'fc' },
        { kind: 'softmax', nodeId: 'soft' },
      ],
    };
    const weight = f32(Array.from({ length: 32 }, (_, i) => i / 100));
    const params: ModelParams = [{ weight, bias: f32([0, 0]) }];
    const d = stepDetails(
      step({
        model,
        data,
        before: params,
        after: params,
        options: { ...sgd, loss: 'cross-entropy', batchSize: 3 },
        batch: { indices: Uint32Array.from([0, 1, 2]), start: 0, size: 3 },
      }),
    );
    const fc = d.layers[0]!;
    expect(d.inputShape).toEqual([4, 4]);
    // The Softmax is folded into the loss: the Linear layer's logits are what the loss saw.
    expect(fc.isOutput).toBe(true);
    expect(fc.inputFrom).toBeUndefined();
    // The four pixels that vary, then two that do not (ties go to the lower column: 15, the
    // same 0.5 in every image, is no better than the background).
    expect(fc.x.colIndex).toEqual([0, 1, 5, 6, 9, 10]);
    expect(rowsOf(fc.x)[0]).toEqual([0, 0, 1, 0.5, 0.25, 1]);
    expect(fc.w.colIndex).toEqual(fc.x.colIndex);
    expect(rowsOf(fc.w)[1]).toEqual(fc.x.colIndex!.map((c) => Math.fround((16 + c) / 100)));
    expect(fc.dW.colIndex).toEqual(fc.x.colIndex);
    expect(fc.b.colIndex).toBeUndefined();
  });
});
