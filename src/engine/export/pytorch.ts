import type { ModelFile } from './modelFile';
import { pythonString, pythonStrings, wrapText } from './pythonLiterals';
import { pythonData } from './pytorchData';
import { pythonModel } from './pytorchModel';
import { pythonTraining } from './pytorchTraining';

// The docstring speaks of names through the script's constants (FEATURES, TARGETS, CLASSES) and
// of the model's name as a Python literal: nothing the user typed goes into it as it is.

/** What the model's input is, in words. */
function inputWords(file: ModelFile): string {
  const shape = `[batch, ${file.inputShape.join(', ')}]`;
  const features = file.preprocessing.features;
  if (file.preprocessing.columns) {
    return `${shape}: the columns in FEATURES encoded by encode() (categories one-hot, dates in parts), in the order of INPUTS`;
  }
  if (features && features.length > 0) return `${shape}: the raw values of the columns in FEATURES`;
  if (file.preprocessing.imageScale !== undefined) return `${shape}: raw pixel values 0..255`;
  return `${shape}: raw inputs`;
}

function outputWords(file: ModelFile): string {
  if (file.task === 'classification') {
    const last = file.layers.at(-1)?.kind;
    return last === 'softmax'
      ? 'the probability of each class in CLASSES'
      : 'one score per class in CLASSES';
  }
  return 'one value per column in TARGETS';
}

function trainingWords(file: ModelFile): string {
  const t = file.training;
  const optimizer = t.optimizer.type === 'sgd' ? 'SGD' : 'Adam';
  const loss = t.loss === 'mse' ? 'mean squared error' : 'cross-entropy';
  const schedule =
    t.schedule?.type === 'step'
      ? ', the rate stepped down by StepLR'
      : t.schedule?.type === 'cosine'
        ? ', the rate annealed by CosineAnnealingLR'
        : '';
  const early = t.earlyStopping
    ? `, stopping early after ${t.earlyStopping.patience} epochs without a lower validation loss`
    : '';
  return `${t.epochs} epochs of ${optimizer} (lr ${t.optimizer.lr}${schedule}) on ${loss}, batches of ${t.batchSize}${t.shuffle ? ', shuffled' : ''}${early}`;
}

/**
 * The model file as a standalone PyTorch script, written to be read as a lesson: the imports,
 * a `Preprocess` module for what the app did to raw inputs, the `nn.Sequential`, the trained
 * weights loaded into its state_dict, the data loading, the loss, the optimizer and the training
 * loop with the same settings. Importing it defines `model` (eval mode, raw inputs in); running it
 * trains further and saves the parameters to `<moduleName>.pt`.
 *
 * @example
 * await writeFile('crops.py', modelToPytorch(file, 'crops'));
 * // python -c "from crops import model; print(model(torch.tensor([[73.0, 67.0, 43.0]])))"
 */
export function modelToPytorch(file: ModelFile, moduleName = 'model'): string {
  const title = file.name === undefined ? 'A model' : `${pythonString(file.name)}, a model`;
  const data = pythonData(file);
  const { classCode, modelCode } = pythonModel(file);
  const names =
    file.task === 'classification'
      ? `# The classes, in the order of the model's outputs.\nCLASSES = ${pythonStrings(file.classes ?? [])}\n\n`
      : '';
  const training = pythonTraining(file);
  const imports = [
    ...[...new Set(['import argparse', ...data.stdlib, ...training.stdlib])].sort(),
    '',
    ...data.thirdParty,
    'import torch',
    'from torch import nn',
    'from torch.utils.data import DataLoader, TensorDataset, random_split',
  ];
  const sections = [
    `"""${title} trained in Layerboard, as a PyTorch script.

${wrapText(`Importing this file defines \`model\`, an nn.Sequential with the trained weights. It takes inputs of shape ${inputWords(file)}, and gives ${outputWords(file)}:`)}

    import torch
    from ${moduleName} import model
    outputs = model(x)

${wrapText(`Running it (\`python ${moduleName}.py\`) trains the model further with the settings it was trained with in Layerboard (${trainingWords(file)}), then saves the parameters to ${moduleName}.pt. It trains on the GPU when PyTorch finds one (CUDA), else on the CPU; \`--device cpu\` or \`--device cuda\` chooses. The model moves to the device once (\`model.to(device)\`) and each batch as it comes (\`x, y = x.to(device), y.to(device)\`).`)}

    python ${moduleName}.py --device cpu
"""`,
    imports.join('\n'),
    ...(classCode ? [classCode] : []),
    `${modelCode}`,
    `${names}${data.code}`,
    training.code,
    `if __name__ == '__main__':
    parser = argparse.ArgumentParser(description='Trains the model further, as in Layerboard.')
    parser.add_argument(
        '--device',
        choices=['cuda', 'cpu'],
        default=DEVICE,
        help=f'where to train: the GPU (cuda) or the CPU (default: {DEVICE})',
    )
    args = parser.parse_args()
    train(device=args.device)
    model.to('cpu')  # saved from the CPU, the parameters load on any machine
    torch.save(model.state_dict(), '${moduleName}.pt')
    print('saved the parameters to ${moduleName}.pt')`,
  ];
  return `${sections.join('\n\n\n')}\n`;
}
