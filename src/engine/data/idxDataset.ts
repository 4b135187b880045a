import { InputError } from '../errors';
import type { Dataset } from './dataset';
import { bytesToUnitFloats, readIdx } from './idx';
import type { DataSource } from './source';

/** Where an image dataset's files are and what its labels mean. */
export interface IdxPairOptions {
  /** The dataset's name in messages and in the app. */
  readonly name: string;
  /** Class names in label order; without them the classes are `0`..`max label`. */
  readonly classes?: readonly string[];
}

/**
 * Loads an MNIST-like pair of IDX files (images and labels, gzip'd or not) as a classification
 * Dataset of `[1, rows, cols]` images (channels first, as torchvision's ToTensor gives them) with pixels scaled to [0, 1] (value / 255, as torchvision's
 * `ToTensor`). The two files must hold the same number of items, and with `classes` every label
 * must name one of them.
 *
 * @example
 * const train = await loadIdxPair(files.builtin('fashion-mnist/train-images-idx3-ubyte.gz'),
 *   files.builtin('fashion-mnist/train-labels-idx1-ubyte.gz'), { name: 'fashion-mnist', classes });
 */
export async function loadIdxPair(
  images: DataSource,
  labels: DataSource,
  options: IdxPairOptions,
): Promise<Dataset> {
  const imageArray = await readIdx(images, 'images');
  const labelArray = await readIdx(labels, 'labels');
  const [count, rows, cols] = imageArray.dims as [number, number, number];
  const labelCount = labelArray.dims[0]!;
  if (labelCount !== count) {
    throw new InputError(
      `"${images.name}" holds ${count.toLocaleString('en-US')} images but "${labels.name}" holds ${labelCount.toLocaleString('en-US')} labels. Choose the labels file that goes with these images`,
    );
  }
  const raw = labelArray.data;
  let max = 0;
  for (let i = 0; i < raw.length; i++) if (raw[i]! > max) max = raw[i]!;
  const classes = options.classes ?? Array.from({ length: max + 1 }, (_, i) => String(i));
  if (max >= classes.length) {
    const at = raw.findIndex((v) => v >= classes.length);
    throw new InputError(
      `"${labels.name}", label ${at + 1}: the value ${raw[at]} is not one of the ${classes.length} classes of ${options.name} (0 to ${classes.length - 1}). Choose the labels file that goes with these images`,
    );
  }
  return {
    name: options.name,
    count,
    sampleShape: [1, rows, cols],
    x: bytesToUnitFloats(imageArray.data),
    targets: { task: 'classification', labels: Int32Array.from(raw), classes: [...classes] },
    featureNames: [],
  };
}
