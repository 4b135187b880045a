import cnn from '../../resources/examples/cnn.layerboard.json';
import lineFit from '../../resources/examples/line-fit.layerboard.json';
import linearRegression from '../../resources/examples/linear-regression.layerboard.json';
import mlp from '../../resources/examples/mlp.layerboard.json';
import softmaxRegression from '../../resources/examples/softmax-regression.layerboard.json';
import { parseProject } from '../shared/parseProject';
import type { Project } from '../shared/project';

export interface Template {
  id: string;
  title: string;
  summary: string;
  project: Project;
}

function checked(raw: unknown, file: string): Project {
  const result = parseProject(raw);
  // The examples ship with the app and are tested: a failure here is a bug, not user input.
  if (!result.ok) throw new Error(`resources/examples/${file}: ${result.error}`);
  return result.value;
}

/**
 * A project with nothing in it but the Input, on the first lesson's data, with settings that suit
 * most small models: what New > Blank project opens, to build a model from the palette.
 */
export const BLANK_PROJECT: Project = {
  format: 'layerboard/project',
  version: 1,
  name: 'Untitled',
  graph: { nodes: [{ id: 'in', kind: 'input', position: { x: 0, y: 0 } }], edges: [] },
  dataset: { source: 'builtin', name: 'crop-yields' },
  training: {
    loss: 'mse',
    optimizer: { type: 'sgd', lr: 0.01, momentum: 0, weightDecay: 0 },
    batchSize: 32,
    epochs: 10,
    shuffle: true,
    seed: 1,
    normalize: 'standardize',
    validationSplit: 0,
  },
};

/** The lessons of the course, each a whole project: graph, dataset and training settings. */
export const TEMPLATES: Template[] = [
  {
    id: 'linear-regression',
    title: 'Linear regression',
    summary: 'Crop yields from temperature, rainfall and humidity: one Linear layer, MSE, SGD.',
    project: checked(linearRegression, 'linear-regression.layerboard.json'),
  },
  {
    id: 'line-fit',
    title: 'Line fit',
    summary: 'Food-truck profit from city population: a line through 97 points.',
    project: checked(lineFit, 'line-fit.layerboard.json'),
  },
  {
    id: 'softmax-regression',
    title: 'Softmax regression (Fashion-MNIST)',
    summary: 'Ten clothing classes from 28 x 28 images with one Linear layer and softmax.',
    project: checked(softmaxRegression, 'softmax-regression.layerboard.json'),
  },
  {
    id: 'mlp',
    title: 'MLP (Fashion-MNIST)',
    summary:
      'Two hidden layers of 256 and 128 with ReLU, standardised pixels: about 88.5% test accuracy in 8 epochs.',
    project: checked(mlp, 'mlp.layerboard.json'),
  },
  {
    id: 'cnn',
    title: 'CNN (Fashion-MNIST)',
    summary:
      'Two convolution blocks (Conv2d 16 and 32 filters of 3 x 3, padding 1, BatchNorm2d, ReLU, 2 x 2 max pooling), then Linear 128 and 10; Adam 0.001, batch 128, 5 epochs, seed 1: PyTorch reaches 91.2% test accuracy with the same seed.',
    project: checked(cnn, 'cnn.layerboard.json'),
  },
];
