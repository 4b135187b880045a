import { describe, expect, it } from 'vitest';
import type { Graph, GraphNode } from '../../shared/project';
import { compileGraph, NO_DATA_MESSAGE } from './compile';
import type { DataShape } from './dataShape';
import { SOFTMAX_FOLDED_MESSAGE } from './softmaxFold';

const at = { x: 0, y: 0 };
function node(id: string, kind: GraphNode['kind'], params?: GraphNode['params']): GraphNode {
  return { id, kind, position: at, ...(params ? { params } : {}) };
}
/** A graph whose nodes are wired in the order given. */
function chain(...nodes: GraphNode[]): Graph {
  const edges = nodes.slice(1).map((n, i) => ({ source: nodes[i]!.id, target: n.id }));
  return { nodes, edges };
}
const crops: DataShape = { sampleShape: [3], task: 'regression', outputs: 2 };
const fashion: DataShape = { sampleShape: [1, 28, 28], task: 'classification', outputs: 10 };
const mlp = chain(
  node('in', 'input'),
  node('flat', 'flatten'),
  node('fc1', 'linear', { outFeatures: 256 }),
  node('act1', 'relu'),
  node('fc2', 'linear', { outFeatures: 128 }),
  node('act2', 'relu'),
  node('fc3', 'linear', { outFeatures: 10 }),
  node('soft', 'softmax'),
);

function errorsOn(result: ReturnType<typeof compileGraph>) {
  return result.problems.filter((p) => p.severity === 'error').map((p) => p.nodeId);
}

describe('compileGraph', () => {
  it('compiles the tutorial Linear(3, 2) with its shapes and parameter count', () => {
    const result = compileGraph(
      chain(node('in', 'input'), node('fc1', 'linear', { outFeatures: 2 })),
      crops,
      'mse',
    );
    expect(result.problems).toEqual([]);
    expect(result.model).toEqual({
      inputShape: [3],
      layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }],
    });
    expect(result.shapes).toEqual({ in: [3], fc1: [2] });
    expect(result.paramCounts).toEqual({ in: 0, fc1: 8 });
    expect(result.totalParams).toBe(8);
    expect(result.softmaxFolded).toBe(false);
  });

  it('compiles the Fashion-MNIST MLP, folding its Softmax into cross-entropy with a note', () => {
    const result = compileGraph(mlp, fashion, 'cross-entropy');
    expect(errorsOn(result)).toEqual([]);
    expect(result.model?.layers.map((l) => l.kind)).toEqual([
      'flatten',
      'linear',
      'relu',
      'linear',
      'relu',
      'linear',
      'softmax',
    ]);
    expect(result.shapes).toMatchObject({ in: [1, 28, 28], flat: [784], fc1: [256], soft: [10] });
    // 784*256+256 + 256*128+128 + 128*10+10, as sum(p.numel() for p in model.parameters()).
    expect(result.totalParams).toBe(235146);
    expect(result.softmaxFolded).toBe(true);
    expect(result.problems).toContainEqual({
      nodeId: 'soft',
      severity: 'info',
      message: SOFTMAX_FOLDED_MESSAGE,
    });
  });

  it('keeps the parameters of activations and dropout in the layers', () => {
    const result = compileGraph(
      chain(
        node('in', 'input'),
        node('fc1', 'linear', { outFeatures: 4 }),
        node('leaky', 'leakyRelu', { negativeSlope: 0.2 }),
        node('drop', 'dropout', { p: 0.25 }),
        node('fc2', 'linear', { outFeatures: 2 }),
        node('sig', 'sigmoid'),
      ),
      crops,
      'mse',
    );
    expect(result.model?.layers).toContainEqual({
      kind: 'leakyRelu',
      negativeSlope: 0.2,
      nodeId: 'leaky',
    });
    expect(result.model?.layers).toContainEqual({ kind: 'dropout', p: 0.25, nodeId: 'drop' });
  });

  it('reports a missing Flatten before a Linear on images, with the arithmetic, and shapes up to it', () => {
    const result = compileGraph(
      chain(
        node('in', 'input'),
        node('fc1', 'linear', { outFeatures: 10 }),
        node('soft', 'softmax'),
      ),
      fashion,
      'cross-entropy',
    );
    expect(result.model).toBeUndefined();
    expect(result.problems).toContainEqual({
      nodeId: 'fc1',
      severity: 'error',
      message:
        'Linear expects 784 inputs (1 x 28 x 28 after Flatten) but gets [batch, 1, 28, 28]: add a Flatten before it',
    });
    expect(result.shapes).toEqual({ in: [1, 28, 28] });
  });

  it('reports a last layer whose size does not match the dataset on the last Linear', () => {
    const result = compileGraph(
      chain(node('in', 'input'), node('fc1', 'linear', { outFeatures: 4 }), node('act', 'relu')),
      crops,
      'mse',
    );
    expect(result.problems).toEqual([
      {
        nodeId: 'fc1',
        severity: 'error',
        message:
          'the last Linear gives 4 outputs but the dataset has 2 targets: set its Out features to 2',
      },
    ]);
  });

  it('reports a model that ends on an image-shaped output', () => {
    const result = compileGraph(
      chain(node('in', 'input'), node('act', 'relu')),
      fashion,
      'cross-entropy',
    );
    expect(result.problems[0]).toMatchObject({ nodeId: 'act', severity: 'error' });
    expect(result.problems[0]?.message).toContain('[batch, 1, 28, 28]');
  });

  it('reports a Linear too large to hold', () => {
    const result = compileGraph(
      chain(
        node('in', 'input'),
        node('flat', 'flatten'),
        node('fc1', 'linear', { outFeatures: 65536 }),
      ),
      fashion,
      'cross-entropy',
    );
    expect(result.problems[0]?.nodeId).toBe('fc1');
    expect(result.problems[0]?.message).toContain('784 x 65,536 = 51,380,224 weights');
  });

  it.each([
    [{ outFeatures: 0 }, 'Out features must be a whole number from 1 to 65,536'],
    [{ outFeatures: 2.5 }, 'Out features must be a whole number from 1 to 65,536'],
    [{ outFeatures: 'two' }, 'Out features must be a whole number from 1 to 65,536'],
  ])('reports a bad parameter value %j', (params, message) => {
    const result = compileGraph(
      chain(node('in', 'input'), node('fc1', 'linear', params)),
      crops,
      'mse',
    );
    expect(result.problems).toContainEqual({ nodeId: 'fc1', severity: 'error', message });
    expect(result.model).toBeUndefined();
  });

  it('reports a dropout probability of 1', () => {
    const graph = chain(
      node('in', 'input'),
      node('drop', 'dropout', { p: 1 }),
      node('fc1', 'linear', { outFeatures: 2 }),
    );
    expect(compileGraph(graph, crops, 'mse').problems).toContainEqual({
      nodeId: 'drop',
      severity: 'error',
      message: 'Drop probability must be a number from 0 to below 1',
    });
  });

  it('reports a graph without an Input, and one with two', () => {
    const none = compileGraph(chain(node('fc1', 'linear', { outFeatures: 2 })), crops, 'mse');
    expect(none.problems[0]).toMatchObject({ severity: 'error' });
    expect(none.problems[0]?.nodeId).toBeUndefined();
    expect(none.problems[0]?.message).toContain('no Input node');
    const graph = chain(node('in', 'input'), node('fc1', 'linear', { outFeatures: 2 }));
    graph.nodes.push(node('in2', 'input'));
    expect(errorsOn(compileGraph(graph, crops, 'mse'))).toEqual(['in2']);
  });

  it('reports a branch on the node that feeds two others', () => {
    const graph = chain(node('in', 'input'), node('fc1', 'linear', { outFeatures: 2 }));
    graph.nodes.push(node('fc2', 'linear', { outFeatures: 2 }));
    graph.edges.push({ source: 'in', target: 'fc2' });
    const result = compileGraph(graph, crops, 'mse');
    expect(errorsOn(result)).toEqual(['in']);
    expect(result.problems[0]?.message).toContain('feeds 2 nodes (Linear fc1, Linear fc2)');
    // Shapes are still known on both branches.
    expect(result.shapes).toEqual({ in: [3], fc1: [2], fc2: [2] });
  });

  it('reports a merge on the node fed by two others', () => {
    const graph = chain(
      node('in', 'input'),
      node('fc1', 'linear', { outFeatures: 2 }),
      node('act', 'relu'),
    );
    graph.edges.push({ source: 'in', target: 'act' });
    const result = compileGraph(graph, crops, 'mse');
    expect(errorsOn(result)).toContain('act');
    expect(result.shapes.act).toBeUndefined();
  });

  it('reports a cycle on every node of it', () => {
    const graph = chain(
      node('in', 'input'),
      node('fc1', 'linear', { outFeatures: 2 }),
      node('a', 'relu'),
      node('b', 'tanh'),
    );
    graph.edges.push({ source: 'b', target: 'a' });
    const result = compileGraph(graph, crops, 'mse');
    const cycle = result.problems.filter((p) => p.message.includes('cycle'));
    expect(cycle.map((p) => p.nodeId).sort()).toEqual(['a', 'b']);
    expect(cycle[0]?.message).toContain('a -> b -> a');
    expect(result.model).toBeUndefined();
  });

  it('reports a node not connected to the Input chain', () => {
    const graph = chain(node('in', 'input'), node('fc1', 'linear', { outFeatures: 2 }));
    graph.nodes.push(node('lost', 'relu'));
    const result = compileGraph(graph, crops, 'mse');
    expect(errorsOn(result)).toEqual(['lost']);
    expect(result.problems[0]?.message).toContain('not connected');
  });

  it('reports a connection to a node that does not exist, and a graph with no layers', () => {
    const graph = chain(node('in', 'input'));
    graph.edges.push({ source: 'in', target: 'ghost' });
    expect(compileGraph(graph, crops, 'mse').problems[0]?.message).toContain('"ghost"');
    const bare = compileGraph(chain(node('in', 'input')), crops, 'mse');
    expect(bare.problems).toEqual([
      {
        nodeId: 'in',
        severity: 'error',
        message: 'the model has no layers yet: connect a Linear after the Input',
      },
    ]);
  });

  it('rejects cross-entropy on regression targets and MSE on class labels', () => {
    const linear = chain(node('in', 'input'), node('fc1', 'linear', { outFeatures: 2 }));
    const ce = compileGraph(linear, crops, 'cross-entropy');
    expect(ce.problems).toHaveLength(1);
    expect(ce.problems[0]?.nodeId).toBeUndefined();
    expect(ce.problems[0]?.message).toContain('choose the MSE loss');
    const mse = compileGraph(mlp, fashion, 'mse');
    expect(mse.problems.some((p) => p.message.includes('choose the cross-entropy loss'))).toBe(
      true,
    );
    expect(mse.softmaxFolded).toBe(false);
  });

  it('warns about two Linear layers in a row and a Softmax in the middle', () => {
    const result = compileGraph(
      chain(
        node('in', 'input'),
        node('fc1', 'linear', { outFeatures: 4 }),
        node('soft', 'softmax'),
        node('fc2', 'linear', { outFeatures: 4 }),
        node('fc3', 'linear', { outFeatures: 2 }),
      ),
      crops,
      'mse',
    );
    expect(result.model).toBeDefined();
    expect(result.problems.map((p) => [p.nodeId, p.severity])).toEqual([
      ['soft', 'warning'],
      ['fc3', 'warning'],
    ]);
  });

  it('checks wiring and parameters without data, and says the data is missing', () => {
    const graph = chain(node('in', 'input'), node('fc1', 'linear', { outFeatures: 0 }));
    const result = compileGraph(graph, undefined, 'mse');
    expect(result.model).toBeUndefined();
    expect(result.shapes).toEqual({});
    expect(result.problems.map((p) => p.message)).toEqual([
      'Out features must be a whole number from 1 to 65,536',
      NO_DATA_MESSAGE,
    ]);
  });
});

describe('batch norm and a batch of one sample', () => {
  const graph = {
    nodes: [
      { id: 'in', kind: 'input' as const, position: { x: 0, y: 0 } },
      { id: 'fc', kind: 'linear' as const, params: { outFeatures: 4 }, position: { x: 0, y: 1 } },
      { id: 'bn', kind: 'batchNorm1d' as const, position: { x: 0, y: 2 } },
      { id: 'out', kind: 'linear' as const, params: { outFeatures: 2 }, position: { x: 0, y: 3 } },
    ],
    edges: [
      { source: 'in', target: 'fc' },
      { source: 'fc', target: 'bn' },
      { source: 'bn', target: 'out' },
    ],
  };
  const sgd = { type: 'sgd' as const, lr: 0.1, momentum: 0, weightDecay: 0 };
  const data = (rows: number): DataShape => ({
    sampleShape: [3],
    task: 'regression',
    outputs: 2,
    rows,
  });

  it('refuses a last batch of one sample, naming the batch norm and what to change', () => {
    const result = compileGraph(graph, data(33), 'mse', { batchSize: 8, optimizer: sgd });
    expect(result.model).toBeUndefined();
    expect(result.problems).toContainEqual({
      nodeId: 'bn',
      severity: 'error',
      message:
        'the last batch of each epoch holds 1 sample (33 rows in batches of 8), and batch norm cannot normalise one value per channel (PyTorch refuses it too): change Batch size so that no batch holds a single sample',
    });
  });

  it('trains when every batch holds two samples or more', () => {
    expect(
      compileGraph(graph, data(34), 'mse', { batchSize: 8, optimizer: sgd }).model,
    ).toBeDefined();
  });
});
