import { baseName } from '../../shared/fileKinds';
import type {
  DatasetRef,
  Graph,
  GraphNode,
  LrSchedule,
  OptimizerSettings,
  TrainingSettings,
} from '../../shared/project';
import { nodeDefinition, paramValue } from '../model/nodes';

/** What a run trained: the part of a RunRecord (or of a project) that two runs are compared on. */
export interface RunSetup {
  readonly graph: Graph;
  readonly dataset: DatasetRef;
  readonly training: TrainingSettings;
}

/** What the Runs panel says when nothing differs. */
export const NO_CHANGE = 'same graph and settings';

/** A setting's value as a student typed it: `0.001`, `1e-7`. */
const text = (value: number | string | boolean | undefined): string => String(value);

/** `"lr 0.01 -> 0.001"`, or nothing when the two values are equal. */
function change(name: string, from: string, to: string): string[] {
  return from === to ? [] : [`${name} ${from} -> ${to}`];
}

const OPTIMIZER_NAMES: Record<OptimizerSettings['type'], string> = { sgd: 'SGD', adam: 'Adam' };

/**
 * The optimizer's changes: its type, then each setting the two share, by PyTorch's short names
 * (`lr`, `betas` as two). A setting only one of them has comes with the type's change.
 */
function optimizerChanges(a: OptimizerSettings, b: OptimizerSettings): string[] {
  const changes = change('optimizer', OPTIMIZER_NAMES[a.type], OPTIMIZER_NAMES[b.type]);
  changes.push(...change('lr', text(a.lr), text(b.lr)));
  if (a.type === 'sgd' && b.type === 'sgd') {
    changes.push(...change('momentum', text(a.momentum), text(b.momentum)));
  }
  if (a.type === 'adam' && b.type === 'adam') {
    changes.push(...change('beta1', text(a.beta1), text(b.beta1)));
    changes.push(...change('beta2', text(a.beta2), text(b.beta2)));
    changes.push(...change('eps', text(a.eps), text(b.eps)));
  }
  changes.push(...change('weight decay', text(a.weightDecay), text(b.weightDecay)));
  return changes;
}

/** A schedule in words: "constant", "step every 10 epochs x 0.5", "cosine over 20 epochs to 0". */
function scheduleText(schedule: LrSchedule | undefined): string {
  switch (schedule?.type) {
    case undefined:
    case 'constant':
      return 'constant';
    case 'step':
      return `step every ${schedule.stepSize} epochs x ${schedule.gamma}`;
    case 'cosine':
      return `cosine over ${schedule.tMax} epochs to ${schedule.etaMin}`;
  }
}

/** The training settings' changes, in the order the Training tab lists them. */
function trainingChanges(a: TrainingSettings, b: TrainingSettings): string[] {
  const onOff = (on: boolean) => (on ? 'on' : 'off');
  const patience = (t: TrainingSettings) =>
    t.earlyStopping ? `patience ${t.earlyStopping.patience}` : 'off';
  return [
    ...change('loss', a.loss, b.loss),
    ...optimizerChanges(a.optimizer, b.optimizer),
    ...change('schedule', scheduleText(a.schedule), scheduleText(b.schedule)),
    ...change('batch size', text(a.batchSize), text(b.batchSize)),
    ...change('epochs', text(a.epochs), text(b.epochs)),
    ...change('shuffle', onOff(a.shuffle), onOff(b.shuffle)),
    ...change('seed', text(a.seed), text(b.seed)),
    ...change('normalize', a.normalize, b.normalize),
    ...change('validation split', text(a.validationSplit), text(b.validationSplit)),
    ...change('early stopping', patience(a), patience(b)),
  ];
}

/** A dataset by the name a student knows it by: the built-in's, or its file's. */
function datasetName(ref: DatasetRef): string {
  switch (ref.source) {
    case 'builtin':
      return ref.name;
    case 'csv':
    case 'folder':
      return baseName(ref.path);
    case 'idx':
      return baseName(ref.images);
  }
}

/**
 * The dataset's changes: another dataset by name, or the same one read another way (its columns,
 * task, missing values, test split, image size).
 */
function datasetChanges(a: DatasetRef, b: DatasetRef): string[] {
  if (a.source !== b.source || datasetName(a) !== datasetName(b)) {
    const [from, to] = [datasetName(a), datasetName(b)];
    return from === to ? ['dataset changed'] : [`dataset ${from} -> ${to}`];
  }
  const list = (names: readonly string[]) => names.join(', ');
  if (a.source === 'csv' && b.source === 'csv') {
    return [
      ...change('features', list(a.features), list(b.features)),
      ...change('targets', list(a.targets), list(b.targets)),
      ...change('task', a.task, b.task),
      ...change('missing values', a.missing ?? 'error', b.missing ?? 'error'),
      ...change('test split', text(a.testSplit ?? 0), text(b.testSplit ?? 0)),
    ];
  }
  if (a.source === 'folder' && b.source === 'folder') {
    return [
      ...change('image size', a.size.join(' x '), b.size.join(' x ')),
      ...change('channels', text(a.channels), text(b.channels)),
      ...change('test split', text(a.testSplit ?? 0), text(b.testSplit ?? 0)),
    ];
  }
  // Built-ins are told apart by name; an IDX pair by its images, then by its labels.
  return a.source === 'idx' && b.source === 'idx' && baseName(a.labels) !== baseName(b.labels)
    ? ['dataset changed']
    : [];
}

/** A node as a change names it: its kind's label and its id ("Linear fc1"). */
const nodeName = (node: GraphNode) => `${nodeDefinition(node.kind).label} ${node.id}`;

/** A node's numeric parameters, as the kind's schema reads them. */
const numbersOf = (node: GraphNode): Record<string, number> =>
  Object.fromEntries(
    Object.entries(node.params ?? {}).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );

/**
 * One node's changes between two graphs: its kind, or each parameter whose value (its own or the
 * default it follows) differs; the parameter is named when the kind has several.
 */
function nodeChanges(a: GraphNode, b: GraphNode): string[] {
  if (a.kind !== b.kind) {
    return [`${a.id} ${nodeDefinition(a.kind).label} -> ${nodeDefinition(b.kind).label}`];
  }
  const { params } = nodeDefinition(a.kind);
  const before = numbersOf(a);
  const after = numbersOf(b);
  return params.flatMap((d) => {
    const name = params.length > 1 ? `${nodeName(b)} ${d.label.toLowerCase()}` : nodeName(b);
    return change(name, text(paramValue(params, before, d)), text(paramValue(params, after, d)));
  });
}

/**
 * A graph's wires between the nodes in `kept`, with the nodes outside it taken out and their
 * wires joined through (a -> relu -> b is a -> b), so that a layer added or removed in a chain is
 * not also a rewiring.
 */
function keptWires(graph: Graph, kept: ReadonlySet<string>): Set<string> {
  const out = new Map<string, string[]>();
  for (const { source, target } of graph.edges) {
    out.set(source, [...(out.get(source) ?? []), target]);
  }
  const wires = new Set<string>();
  for (const from of kept) {
    const seen = new Set<string>();
    const stack = [...(out.get(from) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      if (kept.has(next)) wires.add(JSON.stringify([from, next]));
      else stack.push(...(out.get(next) ?? []));
    }
  }
  return wires;
}

/** The graph's changes by node id: layers removed, added, changed, then wires. */
function graphChanges(a: Graph, b: Graph): string[] {
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const before = new Map(a.nodes.map((n) => [n.id, n]));
  const changes: string[] = [];
  for (const node of a.nodes) if (!after.has(node.id)) changes.push(`removed ${nodeName(node)}`);
  for (const node of b.nodes) if (!before.has(node.id)) changes.push(`added ${nodeName(node)}`);
  for (const node of a.nodes) {
    const other = after.get(node.id);
    if (other) changes.push(...nodeChanges(node, other));
  }
  const common = new Set(a.nodes.filter((n) => after.has(n.id)).map((n) => n.id));
  const wiresA = keptWires(a, common);
  const wiresB = keptWires(b, common);
  if (wiresA.size !== wiresB.size || [...wiresA].some((w) => !wiresB.has(w))) {
    changes.push('connections changed');
  }
  return changes;
}

/**
 * What changed from one run's setup to another's, one phrase each: the graph by node id
 * ("Linear fc1 128 -> 256", "Conv2d conv1 kernel size 3 -> 5", "added ReLU relu2", "removed
 * Dropout drop1", "connections changed"), the dataset, then the training settings ("lr 0.01 ->
 * 0.001", "batch size 32 -> 64"). Empty when they trained the same thing; where nodes sit on the
 * canvas is not a change. Node ids are the student's own text: show them as text only.
 *
 * @example
 * runChanges(first, second); // ['Linear fc1 128 -> 256', 'lr 0.01 -> 0.001']
 */
export function runChanges(a: RunSetup, b: RunSetup): string[] {
  return [
    ...graphChanges(a.graph, b.graph),
    ...datasetChanges(a.dataset, b.dataset),
    ...trainingChanges(a.training, b.training),
  ];
}
