import type { BuiltinDatasetName } from '../../shared/project';
import { type DataShape, dataShapeOf, type Task } from '../model/dataShape';

/** A built-in table: one CSV file and the roles of its columns. */
interface TableFiles {
  readonly kind: 'table';
  readonly csv: string;
  readonly features: readonly string[];
  readonly targets: readonly string[];
  /** Columns in the file that are not data (a row's name). */
  readonly ignored: readonly string[];
}

/** A built-in image set: IDX pairs for the official training and test splits. */
interface ImageFiles {
  readonly kind: 'images';
  readonly train: { readonly images: string; readonly labels: string };
  readonly test: { readonly images: string; readonly labels: string };
  readonly classes: readonly string[];
}

/** One built-in dataset as the app lists it; files are relative to `resources/datasets`. */
export type BuiltinDataset = {
  readonly name: BuiltinDatasetName;
  readonly title: string;
  /** One paragraph a teacher can read out: what the data is and what the lesson learns from it. */
  readonly description: string;
  readonly task: Task;
  /** One sample's shape. */
  readonly sampleShape: readonly number[];
  /** Rows (or images) in the training data, and in the test split if there is one. */
  readonly counts: { readonly train: number; readonly test: number };
  readonly source: string;
  readonly licence: string;
  /** Files the dataset reads (for the app's list of what is shipped). */
  readonly files: readonly string[];
} & (TableFiles | ImageFiles);

export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

const fashion = (split: 'train' | 't10k') => ({
  images: `fashion-mnist/${split}-images-idx3-ubyte.gz`,
  labels: `fashion-mnist/${split}-labels-idx1-ubyte.gz`,
});

/** The built-in datasets, shipped in `resources/datasets` so that every lesson works offline. */
export const BUILTINS = {
  'crop-yields': {
    name: 'crop-yields',
    title: 'Crop yields',
    description:
      'Five farming regions, each described by its average temperature (degrees Fahrenheit), rainfall (millimetres) and humidity (percent), with the tons of apples and of oranges it harvests. The task is to predict both yields from the three weather measurements: the smallest linear regression there is, a weight matrix of 2 x 3 and two biases, small enough to follow every gradient step by hand. With raw inputs in the tens and hundreds, plain gradient descent needs a tiny learning rate (about 1e-5), which makes it a good first look at why inputs are normalised.',
    task: 'regression',
    sampleShape: [3],
    counts: { train: 5, test: 0 },
    source: 'public teaching example',
    licence: 'public teaching example',
    files: ['crop-yields.csv'],
    kind: 'table',
    csv: 'crop-yields.csv',
    features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
    targets: ['apples_ton', 'oranges_ton'],
    ignored: ['region'],
  },
  'population-profit': {
    name: 'population-profit',
    title: 'Population and profit',
    description:
      '97 cities, each with its population (in 10,000s of people) and the profit a food truck made there (in $100,000s; negative values are losses). The task is to predict the profit from the population: a line fitted through points, one weight and one bias, whose loss surface is a bowl you can draw. The least-squares answer is known (profit = 1.1930 x population - 3.8958, mean squared error 8.95), so students can watch gradient descent walk towards it.',
    task: 'regression',
    sampleShape: [1],
    counts: { train: 97, test: 0 },
    source: 'public teaching example (widely published course data)',
    licence: 'public teaching example',
    files: ['population-profit.csv'],
    kind: 'table',
    csv: 'population-profit.csv',
    features: ['population_10k'],
    targets: ['profit_100k'],
    ignored: [],
  },
  'fashion-mnist': {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST',
    description:
      "70,000 small greyscale photos (28 x 28 pixels) of clothes from Zalando's catalogue, in 10 classes: T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag and ankle boot. 60,000 are for training and 10,000 are kept apart as the official test set. The task is to name the class of each image: a softmax classifier on the 784 pixels reaches about 84% accuracy and a small multi-layer perceptron about 88%, while shirts, pullovers and coats remain easy to confuse, which the confusion matrix shows. Pixels are scaled to [0, 1].",
    task: 'classification',
    sampleShape: [1, 28, 28],
    counts: { train: 60_000, test: 10_000 },
    source: 'Zalando Research, https://github.com/zalandoresearch/fashion-mnist',
    licence: 'MIT (Expat), see fashion-mnist/COPYRIGHT',
    files: [
      ...Object.values(fashion('train')),
      ...Object.values(fashion('t10k')),
      'fashion-mnist/COPYRIGHT',
    ],
    kind: 'images',
    train: fashion('train'),
    test: fashion('t10k'),
    classes: FASHION_MNIST_CLASSES,
  },
} as const satisfies Record<BuiltinDatasetName, BuiltinDataset>;

/** The catalogue entry of a built-in dataset. */
export function builtinDataset(name: BuiltinDatasetName): BuiltinDataset {
  return BUILTINS[name];
}

/** What a model must fit of a built-in, known without reading it. */
export function builtinDataShape(name: BuiltinDatasetName): DataShape {
  const entry = builtinDataset(name);
  return dataShapeOf({
    sampleShape: entry.sampleShape,
    task: entry.task,
    classes: entry.kind === 'images' ? entry.classes : undefined,
    targetNames: entry.kind === 'table' ? entry.targets : [],
    counts: entry.counts,
  });
}
