import { describe, expect, it } from 'vitest';
import { builtinDataShape, compileGraph } from '../engine';
import { TEMPLATES } from './templates';

describe('the lesson templates', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    '%s compiles for its data with no error',
    (_, { project }) => {
      if (project.dataset.source !== 'builtin') throw new Error('the lessons use built-in data');
      const result = compileGraph(
        project.graph,
        builtinDataShape(project.dataset.name),
        project.training.loss,
        project.training,
      );
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.model).toBeDefined();
    },
  );

  it("counts the CNN's parameters as PyTorch does, batch norm included", () => {
    const cnn = TEMPLATES.find((t) => t.id === 'cnn')!.project;
    const result = compileGraph(cnn.graph, builtinDataShape('fashion-mnist'), 'cross-entropy');
    // sum(p.numel() for p in model.parameters()) of fashion_mnist_cnn.py's model.
    expect(result.totalParams).toBe(160 + 32 + 4640 + 64 + 200_832 + 1290);
    expect(result.shapes).toMatchObject({
      conv1: [16, 28, 28],
      pool1: [16, 14, 14],
      pool2: [32, 7, 7],
      flatten: [1568],
    });
  });
});
