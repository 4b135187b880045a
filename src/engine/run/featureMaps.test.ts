import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { paramsFromProject } from '../model/init';
import type { ModelParams, ModelSpec } from '../model/spec';
import { expectInputError } from '../testing/expectInputError.node';
import { featureMapBuffers, featureMapLayers, featureMaps, hasFeatureMaps } from './featureMaps';

/** Conv (2 filters, 3 x 3, padding 1) -> ReLU -> MaxPool 2 -> Flatten -> Linear to 2 classes. */
const cnn: ModelSpec = {
  inputShape: [1, 4, 4],
  layers: [
    {
      kind: 'conv2d',
      inChannels: 1,
      outChannels: 2,
      kernelSize: 3,
      stride: 1,
      padding: 1,
      nodeId: 'conv1',
    },
    { kind: 'relu', nodeId: 'relu1' },
    { kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: 'pool1' },
    { kind: 'flatten', nodeId: 'flatten' },
    { kind: 'linear', inFeatures: 8, outFeatures: 2, nodeId: 'fc1' },
  ],
};

/** Two 4 x 4 images scaled to [0, 1] as the loader does (imageScale 255): a ramp, and its flip. */
const ramp = Array.from({ length: 16 }, (_, i) => i / 15);
const images: Dataset = {
  name: 'ramps',
  count: 2,
  sampleShape: [1, 4, 4],
  x: new Float32Array([...ramp, ...[...ramp].reverse()]),
  targets: { task: 'classification', labels: new Int32Array([0, 1]), classes: ['up', 'down'] },
  featureNames: [],
};
const preprocessing = { kind: 'none', imageScale: 1 / 255 } as const;

/**
 * conv1's filters: the identity (its map is the image) and its negative; fc1 reads the pooled
 * first map into class 0 and the second into class 1.
 */
function params(): ModelParams {
  const identity = [0, 0, 0, 0, 1, 0, 0, 0, 0];
  const fc = new Float32Array(16);
  fc.fill(1, 0, 4);
  fc.fill(1, 12, 16);
  return [
    {
      weight: new Float32Array([...identity, ...identity.map((v) => -v)]),
      bias: new Float32Array(2),
    },
    { weight: fc, bias: new Float32Array(2) },
  ];
}

describe('featureMaps', () => {
  it("keeps every conv and pool layer's output for one sample, with the predicted class", () => {
    const maps = featureMaps(
      { model: cnn, params: params(), epoch: 3, data: images, preprocessing },
      1,
    );
    expect(maps).toMatchObject({ index: 1, epoch: 3, truth: 1 });
    expect(maps.layers.map((l) => [l.nodeId, l.kind, l.shape, l.shown])).toEqual([
      ['conv1', 'conv2d', [2, 4, 4], 2],
      ['pool1', 'maxPool2d', [2, 2, 2], 2],
    ]);
    const [conv, pool] = maps.layers;
    // The identity filter gives the image back, the negative one its negative.
    const image = [...ramp].reverse();
    expect(Array.from(conv!.values.subarray(0, 16))).toEqual(image.map(Math.fround));
    expect(Array.from(conv!.values.subarray(16))).toEqual(image.map((v) => Math.fround(-v) + 0));
    expect(conv!.min).toBeCloseTo(-1, 6);
    expect(conv!.max).toBeCloseTo(1, 6);
    // The pool sees the ReLU's output: the largest of each 2 x 2 window, 0 for the negative map.
    expect(Array.from(pool!.values.subarray(0, 4))).toEqual(
      [15, 13, 7, 5].map((v) => Math.fround(v / 15)),
    );
    expect(Array.from(pool!.values.subarray(4))).toEqual([0, 0, 0, 0]);
    // Class 0 gets the first map's pooled sum, 40 / 15, class 1 nothing.
    expect(maps.predicted).toBe(0);
    expect(maps.probability).toBeCloseTo(1 / (1 + Math.exp(-40 / 15)), 6);
    // The image as the file had it, 0..255.
    expect(Array.from(maps.image.pixels)).toEqual(image.map((v) => Math.round(v * 255)));
    expect(maps.image).toMatchObject({ rows: 4, cols: 4 });
    expect(featureMapBuffers(maps)).toHaveLength(3);
  });

  it('draws at most 16 channels of a layer, its scale taken over all of them', () => {
    const wide: ModelSpec = {
      inputShape: [1, 4, 4],
      layers: [
        {
          ...(cnn.layers[0] as Extract<ModelSpec['layers'][number], { kind: 'conv2d' }>),
          outChannels: 20,
        },
      ],
    };
    const p = paramsFromProject(wide, undefined, 1);
    const maps = featureMaps({ model: wide, params: p, epoch: 0, data: images, preprocessing }, 0);
    const [conv] = maps.layers;
    expect(conv!.shape).toEqual([20, 4, 4]);
    expect(conv!.shown).toBe(16);
    expect(conv!.values).toHaveLength(16 * 16);
    expect(conv!.min).toBeLessThanOrEqual(Math.min(...conv!.values));
    // Not a classifier's output width: no prediction.
    expect(maps).not.toHaveProperty('predicted');
  });

  it('refuses a sample the split does not have', async () => {
    const source = { model: cnn, params: params(), epoch: 0, data: images, preprocessing };
    await expectInputError((async () => featureMaps(source, 2))(), 'there is no sample 2');
  });

  it('knows which models have feature maps', () => {
    expect(featureMapLayers(cnn)).toEqual([0, 2]);
    expect(hasFeatureMaps(cnn)).toBe(true);
    const mlp: ModelSpec = {
      inputShape: [1, 4, 4],
      layers: [
        { kind: 'flatten', nodeId: 'flatten' },
        { kind: 'linear', inFeatures: 16, outFeatures: 2, nodeId: 'fc1' },
      ],
    };
    expect(hasFeatureMaps(mlp)).toBe(false);
  });
});
