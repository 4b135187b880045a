import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../shared/project';
import { PYTHON } from '../testing/needs.node';
import { imageModel } from './fixtures/models';
import type { ModelFile } from './modelFile';
import { modelToPytorch } from './pytorch';

// torchvision is not packaged for Debian's python3, so the script's image folder loading is
// checked as text (and as Python syntax); its training loop is the one pytorch.test.ts runs.

const withDataset = (dataset: DatasetRef): ModelFile => ({
  ...imageModel,
  inputShape: [1, 4, 4],
  training: { ...imageModel.training, dataset },
});

const folder = (path: string, channels: 1 | 3): DatasetRef => ({
  source: 'folder',
  path,
  size: [4, 5],
  channels,
});

describe('the PyTorch export of an image folder', () => {
  it("reads it with ImageFolder: grey, resized with Pillow's bilinear filter, raw bytes", () => {
    const script = modelToPytorch(withDataset(folder('photos/shoes', 1)));
    expect(script).toContain('from torchvision import datasets, transforms');
    expect(script).toContain("IMAGE_FOLDER = 'photos/shoes'");
    expect(script).toContain('IMAGE_SIZE = (4, 5)  # (height, width)');
    expect(script).toContain(`    transform = transforms.Compose(
        [
            transforms.Grayscale(1),
            transforms.Resize(IMAGE_SIZE),
            transforms.PILToTensor(),  # [C, H, W] bytes: the model scales them itself
            transforms.Lambda(lambda pixels: pixels.float()),
        ]
    )
    return datasets.ImageFolder(IMAGE_FOLDER, transform=transform, is_valid_file=is_image)`);
    expect(script).toContain("return path.lower().endswith(tuple(['.png', '.jpg', '.jpeg']))");
  });

  it('keeps RGB without Grayscale, and names the folder a .zip unpacks to', () => {
    const script = modelToPytorch(withDataset(folder("it's.zip", 3)));
    expect(script).not.toContain('Grayscale');
    expect(script).toContain("IMAGE_FOLDER = 'it\\'s'");
    expect(script).toContain("# The project read the archive 'it\\'s.zip': unpack it here");
  });

  it('is valid Python', () => {
    for (const channels of [1, 3] as const) {
      const script = modelToPytorch(withDataset(folder('a\nb"\'.zip', channels)));
      const check = spawnSync(PYTHON, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
        input: script,
        encoding: 'utf8',
      });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    }
  });
});
