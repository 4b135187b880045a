import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cropsModel } from '../engine/export/fixtures/models';
import { modelFileText } from '../engine/export/modelFile';
import { BIN, cropProject, expectInputError, node, runLayerboard } from './testing.node';

// The probes of issue 14, each as a user ran it: what once ran code, destroyed a file, crashed
// or printed nonsense now ends with exit 2 and one `error:` line (or works, where it should).

const dir = mkdtempSync(join(tmpdir(), 'layerboard-probes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const layerboard = (...args: string[]) => runLayerboard(dir, args);

/** Writes a file in the test's folder; returns its name, as a user in that folder types it. */
function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    typeof value === 'string' || value instanceof Uint8Array ? value : JSON.stringify(value),
  );
  return name;
}

const at = (name: string) => join(dir, name);

/** Hidden temporary files (`.name.pid.tmp`) left in the folder. */
const temporaries = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

const crops = write('crops.model.json', modelFileText(cropsModel));
/** The crops model as JSON to change, one probe at a time. */
const cropsJson = () => JSON.parse(modelFileText(cropsModel));

describe('--out never names an input', () => {
  it('refuses the project, its data and the model being exported, however the path is written', () => {
    const project = write('p.layerboard.json', cropProject({ epochs: 1 }));
    const before = readFileSync(at(project), 'utf8');
    mkdirSync(join(dir, 'a'), { recursive: true });
    symlinkSync(at(project), at('link.json'));
    for (const out of [at(project), './a/../p.layerboard.json', 'link.json']) {
      expectInputError(
        layerboard('train', project, '--backend', 'cpu', '--out', out),
        'this is the project file, which the command reads',
      );
    }
    expect(readFileSync(at(project), 'utf8')).toBe(before);

    const csv = write('points.csv', 'x,y\n1,2\n2,4\n3,6\n');
    const csvProject = write('csv.json', {
      ...cropProject({ epochs: 1, outFeatures: 1 }),
      dataset: {
        source: 'csv',
        path: 'points.csv',
        features: ['x'],
        targets: ['y'],
        task: 'regression',
      },
      weights: undefined,
    });
    expectInputError(
      layerboard('train', csvProject, '--out', 'points.csv'),
      "this is the project's CSV file",
    );
    expect(readFileSync(at(csv), 'utf8')).toBe('x,y\n1,2\n2,4\n3,6\n');
    symlinkSync(
      resolve(__dirname, '../../resources/datasets/crop-yields.csv'),
      join(dir, 'crops.csv'),
    );
    expectInputError(
      layerboard('train', project, '--out', 'crops.csv'),
      'this is a built-in dataset file',
    );

    linkSync(at(crops), at('hard.model.json'));
    for (const out of [at(crops), 'hard.model.json', './a/../crops.model.json']) {
      expectInputError(
        layerboard('export', crops, '--format', 'onnx', '--out', out),
        'this is the model file being exported',
      );
    }
    expect(readFileSync(at(crops), 'utf8')).toBe(modelFileText(cropsModel));
  });

  it('refuses the IDX files of a project', () => {
    const header = (magic: number, dims: number[]) => {
      const view = new DataView(new ArrayBuffer(4 + 4 * dims.length));
      view.setUint32(0, magic);
      dims.forEach((d, i) => {
        view.setUint32(4 + 4 * i, d);
      });
      return new Uint8Array(view.buffer);
    };
    write('imgs.gz', gzipSync(Buffer.concat([header(0x803, [2, 2, 2]), new Uint8Array(8)])));
    write('labs.gz', gzipSync(Buffer.concat([header(0x801, [2]), Uint8Array.of(0, 1)])));
    const project = write('idx.json', {
      ...cropProject({ epochs: 1 }),
      dataset: { source: 'idx', images: 'imgs.gz', labels: 'labs.gz' },
    });
    expectInputError(
      layerboard('train', project, '--out', 'labs.gz'),
      "this is the project's labels file",
    );
  });
});

describe('probes of the command line', () => {
  it('trains a chain of 10,000 nodes (the cycle check no longer recurses)', () => {
    const count = 10_000;
    const ids = ['in', ...Array.from({ length: count }, (_, i) => `r${i}`), 'fc'];
    const project = write('chain.json', {
      ...cropProject({ epochs: 1 }),
      graph: {
        nodes: ids.map((id, i) =>
          i === 0
            ? node(id, 'input')
            : id === 'fc'
              ? node(id, 'linear', { outFeatures: 2 })
              : node(id, 'relu'),
        ),
        edges: ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id })),
      },
      weights: undefined,
    });
    const result = layerboard('train', project, '--backend', 'cpu');
    expect(result.stderr).not.toContain('internal error');
    expect(result.status).toBe(0);
  });

  it('uses the weights of a node called __proto__', () => {
    const project = write('proto.json', cropProject({ epochs: 1, id: '__proto__' }));
    expect(readFileSync(at(project), 'utf8')).toContain('"weights":{"__proto__":');
    const result = layerboard('train', project, '--backend', 'cpu');
    expect(result.stdout).toBe('epoch 1/1 loss 5070.7681\n');
  });

  it('refuses model files whose statistics, features or weights do not fit the model, in every command', () => {
    const input = write('farms.csv', 'temp_f,rainfall_mm,humidity_pct\n73,67,43\n');
    // biome-ignore lint/suspicious/noExplicitAny: each case damages the parsed JSON its own way
    const cases: [string, (file: any) => void, string][] = [
      [
        'stats.model.json',
        (f) => f.preprocessing.mean.pop(),
        '"stats.model.json": preprocessing.mean: expected 3 values',
      ],
      [
        'std.model.json',
        (f) => {
          f.preprocessing.std[0] = 0;
        },
        'preprocessing.std[0]: a standard deviation must be above 0',
      ],
      [
        'features.model.json',
        (f) => f.preprocessing.features.push('x'),
        'preprocessing.features: names 4 columns',
      ],
      [
        'shape.model.json',
        (f) => f.layers[0].weight[0].push(1),
        'layers[0].weight[0]: expected 3 values but found 4',
      ],
      [
        'null.model.json',
        (f) => {
          f.layers[0].weight[0][0] = null;
        },
        'layers[0].weight[0][0]: expected a number but found null',
      ],
      [
        'targets.model.json',
        (f) => f.targets.push('pears'),
        'targets: names 3 targets but the model gives 2 outputs',
      ],
    ];
    for (const [name, change, message] of cases) {
      const file = cropsJson();
      change(file);
      const model = write(name, file);
      for (const args of [
        ['predict', model, '--input', input],
        ['eval', model, '--data', 'crop-yields'],
        ['export', model, '--format', 'onnx', '--out', `${name}.onnx`],
        ['export', model, '--format', 'pytorch', '--out', 'script.py'],
      ]) {
        const result = layerboard(...args);
        expectInputError(result, message);
        expect(result.stderr).toContain('export the model again from Layerboard');
      }
      expect(existsSync(join(dir, `${name}.onnx`))).toBe(false);
      expect(existsSync(join(dir, 'script.py'))).toBe(false);
    }
  });

  it('writes no model file when a huge learning rate blows the weights up', () => {
    const project = write('huge.json', cropProject({ lr: 3e38, epochs: 1 }));
    const result = layerboard('train', project, '--backend', 'cpu');
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(/^error: .*diverged/);
    expect(existsSync(join(dir, 'huge.model.json'))).toBe(false);
    expect(temporaries()).toEqual([]);
  });

  it('refuses numbers a float32 cannot hold, naming the field and its range', () => {
    const huge = (change: (p: ReturnType<typeof cropProject>) => void) => {
      const project = cropProject();
      change(project);
      return project;
    };
    const adam = { type: 'adam', lr: 1e-3, eps: 1e-8, weightDecay: 0 };
    for (const [name, project, text] of [
      [
        'lr.json',
        cropProject({ lr: 1e39 }),
        'Learning rate must be a number above 0 and at most 3.4e+38',
      ],
      [
        'wd.json',
        huge((p) => Object.assign(p.training.optimizer, { weightDecay: 1e39 })),
        'Weight decay must be',
      ],
      [
        'eps.json',
        huge((p) => Object.assign(p.training, { optimizer: { ...adam, eps: 1e39 } })),
        'Epsilon must be',
      ],
      [
        'weight.json',
        huge((p) => {
          // A copy: the fixture's arrays are shared with the other probes.
          p.weights.fc1 = { ...p.weights.fc1!, bias: [1e39, 0] };
        }),
        'a float32 can hold',
      ],
    ] as const) {
      for (const backend of ['cpu', 'webgpu']) {
        const result = layerboard('train', write(name, project), '--backend', backend);
        expectInputError(result, text);
      }
    }
  });

  it('stops a run that explodes within its first epochs, and writes no model file', () => {
    // Crop yields at lr 0.01 on raw inputs: the loss grows a thousandfold by epoch 3.
    const project = write('explodes.json', cropProject({ lr: 0.01, epochs: 3 }));
    const result = layerboard('train', project, '--backend', 'cpu');
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^error: training diverged: the loss grew/,
    );
    expect(existsSync(join(dir, 'explodes.model.json'))).toBe(false);
  });

  it('refuses a gzip file whose checksum fails, and a gzip bomb, quickly', () => {
    const header = Uint8Array.of(0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2);
    const images = gzipSync(Buffer.concat([header, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)]), {
      level: 0,
    });
    images[images.length - 12]! ^= 0xff;
    write('bad-images.gz', images);
    write('labels.gz', gzipSync(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 0, 1)));
    const project = write('crc.json', {
      ...cropProject({ epochs: 1 }),
      dataset: { source: 'idx', images: 'bad-images.gz', labels: 'labels.gz' },
    });
    expectInputError(
      layerboard('train', project),
      '"bad-images.gz" is not a valid gzip file: its gzip checksum (CRC-32) does not match',
    );

    write('bomb.gz', gzipSync(Buffer.concat([header, new Uint8Array(256 << 20)]), { level: 9 }));
    const bomb = write('bomb.json', {
      ...cropProject({ epochs: 1 }),
      dataset: { source: 'idx', images: 'bomb.gz', labels: 'labels.gz' },
    });
    const started = performance.now();
    expectInputError(layerboard('train', bomb), 'it holds more bytes than its header announces');
    expect(performance.now() - started).toBeLessThan(8000);
  });
});

describe('messages', () => {
  it('say a model file is from a newer Layerboard, and name the file', () => {
    const future = write('future.model.json', { ...cropsJson(), version: 2 });
    expectInputError(
      layerboard('predict', future, '--input', 'x.csv'),
      '"future.model.json": version: this model file was written by a newer Layerboard (version 2; this one reads up to 1): update Layerboard to open it',
    );
  });

  it('say what a file seems to be when an image is given', () => {
    const png = write(
      'cat.png',
      Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x1b, 0x5b, 0x32, 0x4a),
    );
    const project = layerboard('train', png);
    expectInputError(
      project,
      'looks like a PNG image, not a project file: give a project file (*.layerboard.json)',
    );
    expect(project.stderr).not.toContain('\u001b');
    expectInputError(
      layerboard('eval', png, '--data', 'crop-yields'),
      '"cat.png": this looks like a PNG image, not a model file',
    );
  });

  it('say "the project file inside it" of a folder, and "the model file" once', () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const train = layerboard('train', 'folder');
    expectInputError(train, '"folder" is a folder: give the project file inside it');
    expect(train.stderr).not.toContain('file file');
    expectInputError(
      layerboard('export', 'folder', '--format', 'json', '--out', 'x.json'),
      'give the model file inside it',
    );
  });

  it('read a project saved with a byte-order mark', () => {
    const project = write('bom.json', `\uFEFF${JSON.stringify(cropProject({ epochs: 1 }))}`);
    expect(layerboard('train', project, '--backend', 'cpu').stdout).toBe(
      'epoch 1/1 loss 5070.7681\n',
    );
  });

  it('call a command named like an object method unknown', () => {
    for (const command of ['constructor', 'toString', '__proto__']) {
      expectInputError(layerboard(command), `unknown command "${command}"`);
    }
  });

  it('warn when the labels hold one class only', () => {
    write('one.csv', 'x,kind\n1,cat\n2,cat\n3,cat\n');
    const project = write('one.json', {
      ...cropProject({ epochs: 1, outFeatures: 1 }),
      dataset: {
        source: 'csv',
        path: 'one.csv',
        features: ['x'],
        targets: ['kind'],
        task: 'classification',
      },
      training: { ...cropProject().training, loss: 'cross-entropy', epochs: 1 },
      weights: undefined,
    });
    const result = layerboard('train', project, '--backend', 'cpu');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'warning: "one.csv": the column "kind" holds one class only ("cat"), so there is nothing to tell apart',
    );
  });
});

/** Starts `layerboard ...args`, sends SIGINT once `ready()` holds, and waits for the end. */
function interrupt(args: string[], ready: (stdout: string) => boolean) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const check = () => {
      if (!sent && ready(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    };
    const timer = setInterval(check, 5);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (status) => {
      clearInterval(timer);
      done({ status, stdout, stderr });
    });
  });
}

describe('Ctrl-C', () => {
  it('stops training with one line, and writes nothing', async () => {
    const project = write('long.json', cropProject({ epochs: 100_000 }));
    const result = await interrupt(['train', project, '--backend', 'cpu'], (out) =>
      out.includes('epoch 2/'),
    );
    expect(result.status).toBe(130);
    expect(result.stderr).toBe('training stopped (Ctrl-C): no model file was written\n');
    expect(existsSync(join(dir, 'long.model.json'))).toBe(false);
  });

  it('leaves no temporary file when it comes while the model file is written', async () => {
    // 2.3 million weights: a model file of about 30 MB, written in 1 MB pieces.
    const project = write('big.json', {
      ...cropProject({ epochs: 1 }),
      graph: {
        nodes: [
          node('in', 'input'),
          node('fc1', 'linear', { outFeatures: 1500 }),
          node('fc2', 'linear', { outFeatures: 1500 }),
          node('fc3', 'linear', { outFeatures: 2 }),
        ],
        edges: [
          { source: 'in', target: 'fc1' },
          { source: 'fc1', target: 'fc2' },
          { source: 'fc2', target: 'fc3' },
        ],
      },
      weights: undefined,
    });
    const result = await interrupt(
      ['train', project, '--backend', 'cpu'],
      () => temporaries().length > 0,
    );
    expect(result.stderr).toContain('training stopped (Ctrl-C): no model file was written');
    expect(result.status).toBe(130);
    expect(temporaries()).toEqual([]);
    expect(existsSync(join(dir, 'big.model.json'))).toBe(false);
  });

  it('leaves no temporary file when writing fails', () => {
    copyFileSync(at(crops), at('ro.model.json'));
    mkdirSync(join(dir, 'locked'), { recursive: true, mode: 0o500 });
    const result = layerboard(
      'export',
      'ro.model.json',
      '--format',
      'json',
      '--out',
      'locked/x.model.json',
    );
    if (process.getuid?.() !== 0) expectInputError(result, 'cannot write');
    expect(readdirSync(join(dir, 'locked')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
