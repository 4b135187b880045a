import { type LrSchedule, testSplitOf } from '../../shared/project';
import { foldsFinalSoftmax } from '../model/softmaxFold';
import type { ModelFile } from './modelFile';
import { pythonNumber } from './pytorchModel';

function lossCode(file: ModelFile): string {
  if (file.training.loss === 'mse') {
    return `# Mean squared error, averaged over the batch (and the outputs), as Layerboard computes it.
loss_fn = nn.MSELoss()
# Training runs the whole model.
net = model`;
  }
  const net = foldsFinalSoftmax(file.training.loss, file.layers)
    ? `# CrossEntropyLoss applies log-softmax itself, so it takes the scores before the final Softmax:
# training runs every layer but that one (model[:-1] shares the same modules), as Layerboard does.
net = model[:-1]`
    : '# The model ends with the scores (logits) CrossEntropyLoss takes.\nnet = model';
  return `# Cross-entropy of the softmax of the scores, averaged over the batch.
loss_fn = nn.CrossEntropyLoss()
${net}`;
}

function optimizerCode(file: ModelFile): string {
  const o = file.training.optimizer;
  if (o.type === 'sgd') {
    return `torch.optim.SGD(model.parameters(), lr=${pythonNumber(o.lr)}, momentum=${pythonNumber(o.momentum)}, weight_decay=${pythonNumber(o.weightDecay)})`;
  }
  return `torch.optim.Adam(
        model.parameters(),
        lr=${pythonNumber(o.lr)},
        betas=(${pythonNumber(o.beta1)}, ${pythonNumber(o.beta2)}),
        eps=${pythonNumber(o.eps)},
        weight_decay=${pythonNumber(o.weightDecay)},
    )`;
}

/** `evaluate(dataset)`: the mean loss, and for classification the accuracy too. */
function evaluateCode(classify: boolean): string {
  if (!classify) {
    return `@torch.no_grad()
def evaluate(dataset, device=DEVICE):
    """Mean loss of the model on a dataset, in eval mode, without training."""
    model.eval()
    total = 0.0
    for x, y in DataLoader(dataset, batch_size=1024):
        x, y = x.to(device), y.to(device)
        total += loss_fn(net(x), y).item() * len(x)
    return total / len(dataset)`;
  }
  return `@torch.no_grad()
def evaluate(dataset, device=DEVICE):
    """Mean loss and accuracy of the model on a dataset, in eval mode, without training."""
    model.eval()
    total, correct = 0.0, 0
    for x, y in DataLoader(dataset, batch_size=1024):
        x, y = x.to(device), y.to(device)
        scores = net(x)
        total += loss_fn(scores, y).item() * len(x)
        correct += (scores.argmax(dim=1) == y).sum().item()
    return total / len(dataset), correct / len(dataset)`;
}

/** What each epoch's line adds after the training loss, as `layerboard train` prints it. */
function metricLines(classify: boolean, split: boolean): string[] {
  if (classify && split) {
    return [
      '        val_loss, accuracy = evaluate(val_set, device)',
      "        line += f' val_loss {val_loss:.4f} accuracy {accuracy:.4f}'",
    ];
  }
  // Without validation data, the accuracy is measured on the training data, as the app does.
  if (classify) return ["        line += f' accuracy {evaluate(train_set, device)[1]:.4f}'"];
  if (split) {
    return [
      '        val_loss = evaluate(val_set, device)',
      "        line += f' val_loss {val_loss:.4f}'",
    ];
  }
  return [];
}

/**
 * The seeded three-way split of a table that keeps a test split: random_split's train, validation
 * and test lengths, as Layerboard cuts them (data/split.ts).
 */
function testSplitLines(validationSplit: number, testSplit: number): string {
  const percent = (f: number) => `${Math.round(f * 100)}%`;
  const validation =
    validationSplit > 0
      ? 'min(len(data) - 1, max(1, int(len(data) * VALIDATION_SPLIT + 0.5)))'
      : '0';
  return `    # ${percent(validationSplit)} of the samples kept apart for validation and ${percent(testSplit)} for the test, in one
    # seeded random split; the test set stays unused until the model is done.
    held = ${validation}
    tested = max(1, int(len(data) * TEST_SPLIT + 0.5))
    generator = torch.Generator().manual_seed(SEED)
    train_set, val_set, test_set = random_split(
        data, [len(data) - held - tested, held, tested], generator=generator
    )`;
}

/**
 * The scheduler the project's schedule names (torch.optim.lr_scheduler), stepped once after each
 * epoch as the app steps it; undefined for a constant rate.
 */
function schedulerCode(schedule: LrSchedule | undefined): string | undefined {
  switch (schedule?.type) {
    case undefined:
    case 'constant':
      return undefined;
    case 'step':
      return `    # StepLR: the rate times GAMMA every STEP_SIZE epochs, lr * gamma ** (epoch // step_size).
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=${schedule.stepSize}, gamma=${pythonNumber(schedule.gamma)})`;
    case 'cosine':
      return `    # CosineAnnealingLR: from lr down to eta_min over T_max epochs along half a cosine, then up.
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=${schedule.tMax}, eta_min=${pythonNumber(schedule.etaMin)})`;
  }
}

/** The early-stopping check after each epoch's line (PATIENCE), and the restore of the best weights. */
function earlyStoppingCode() {
  return {
    setup: `    # Early stopping: the weights of the epoch with the lowest validation loss so far.
    best_loss, best_epoch, best_state = float('inf'), 0, None`,
    check: `        if val_loss < best_loss:
            best_loss, best_epoch = val_loss, epoch
            best_state = copy.deepcopy(model.state_dict())
        elif epoch - best_epoch >= PATIENCE:
            print(f'stopped early at epoch {epoch}: the validation loss had not improved for '
                  f'{epoch - best_epoch} epochs since epoch {best_epoch}; keeping its weights')
            break
`,
    restore: `    if best_state is not None:
        model.load_state_dict(best_state)  # the best epoch's weights, as the app keeps them
`,
  };
}

/**
 * The settings, the loss, an `evaluate` function and the `train` loop of the script, with
 * Layerboard's settings: the split, the batches, the loss, the optimizer, the learning-rate
 * schedule and early stopping; `stdlib` is the imports the loop needs beyond the script's.
 */
export function pythonTraining(file: ModelFile): { code: string; stdlib: string[] } {
  const t = file.training;
  const classify = file.task === 'classification';
  const split = t.validationSplit > 0;
  const testSplit = testSplitOf(t.dataset);
  const scheduler = schedulerCode(t.schedule);
  // A project file never has early stopping without a split (earlyStoppingProblem).
  const early = t.earlyStopping && split ? earlyStoppingCode() : undefined;
  const dataLines =
    testSplit > 0
      ? testSplitLines(t.validationSplit, testSplit)
      : split
        ? `    # ${Math.round(t.validationSplit * 100)}% of the samples kept apart for validation: a seeded random split.
    held = min(len(data) - 1, max(1, int(len(data) * VALIDATION_SPLIT + 0.5)))
    generator = torch.Generator().manual_seed(SEED)
    train_set, val_set = random_split(data, [len(data) - held, held], generator=generator)`
        : '    train_set = data';
  const order = t.shuffle
    ? `    # Batches of BATCH_SIZE in a new seeded order each epoch: the same batches as in
    # Layerboard, which draws this DataLoader's permutations from the same seed.
    loader = DataLoader(
        train_set, batch_size=BATCH_SIZE, shuffle=True, generator=torch.Generator().manual_seed(SEED)
    )`
    : '    # Batches of BATCH_SIZE in order, the last one smaller.\n    loader = DataLoader(train_set, batch_size=BATCH_SIZE)';
  const metrics = metricLines(classify, split);
  const evaluate = classify || split ? `\n\n\n${evaluateCode(classify)}` : '';
  const code = `EPOCHS = ${t.epochs}
BATCH_SIZE = ${t.batchSize}
SEED = ${t.seed}${split ? `\nVALIDATION_SPLIT = ${pythonNumber(t.validationSplit)}` : ''}${testSplit > 0 ? `\nTEST_SPLIT = ${pythonNumber(testSplit)}` : ''}${
    early && t.earlyStopping
      ? `\n# Early stopping: epochs without a lower validation loss before training stops.\nPATIENCE = ${t.earlyStopping.patience}`
      : ''
  }
# Where to train: the GPU when PyTorch finds one (CUDA), else the CPU.
DEVICE = 'cuda' if torch.cuda.is_available() else 'cpu'

${lossCode(file)}${evaluate}


def train(epochs=EPOCHS, device=DEVICE):
    """Trains \`model\` further with the settings of Layerboard, one line per epoch, on \`device\`
    ('cuda' or 'cpu'): the model's parameters move there once, and each batch as it comes."""
    torch.manual_seed(SEED)
    model.to(device)  # the parameters (and batch norm's statistics) go to the device
    data = load_data()
${dataLines}
${order}
    optimizer = ${optimizerCode(file)}
${scheduler ? `${scheduler}\n` : ''}${early ? `${early.setup}\n` : ''}    for epoch in range(1, epochs + 1):
        model.train()
${scheduler ? "        rate = optimizer.param_groups[0]['lr']  # this epoch's learning rate\n" : ''}        total = 0.0
        for x, y in loader:
            x, y = x.to(device), y.to(device)  # the batch goes where the model is
            optimizer.zero_grad()  # gradients add up in .grad: clear the last step's
            loss = loss_fn(net(x), y)  # forward pass, and the batch's mean loss
            loss.backward()  # back-propagation: d(loss)/d(parameter) for every parameter
            optimizer.step()  # one update of every parameter
            total += loss.item() * len(x)
${scheduler ? "        scheduler.step()  # after the epoch's batches: the next epoch's rate\n" : ''}        line = f'epoch {epoch}/{epochs} loss {total / len(train_set):.4f}'
${metrics.map((l) => `${l}\n`).join('')}${scheduler ? "        line += f' lr {rate:.5g}'\n" : ''}        print(line)
${early ? early.check : ''}${early ? early.restore : ''}    model.eval()`;
  return { code, stdlib: early ? ['import copy'] : [] };
}
