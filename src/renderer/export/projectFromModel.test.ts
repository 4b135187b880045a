import { describe, expect, it } from 'vitest';
import { compileGraph, modelFromFile, paramsFromProject } from '../../engine';
import { ALL_MODELS } from '../../engine/export/fixtures/models';
import { parseProject } from '../../shared/parseProject';
import { projectFromModel } from './projectFromModel';

describe('projectFromModel', () => {
  it.each(Object.entries(ALL_MODELS))(
    'gives a valid project that compiles to the same model, starting from the trained weights (%s)',
    (_, file) => {
      const parsed = parseProject(projectFromModel(file));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const project = parsed.value;
      const { model, params } = modelFromFile(file);
      const outputs =
        file.task === 'classification' ? (file.classes?.length ?? 0) : (file.targets?.length ?? 0);
      const compiled = compileGraph(
        project.graph,
        { sampleShape: file.inputShape, task: file.task, outputs },
        project.training.loss,
      );
      expect(compiled.model).toEqual(model);
      expect(paramsFromProject(compiled.model!, project.weights, project.training.seed)).toEqual(
        params,
      );
      expect(project.dataset).toEqual(file.training.dataset);
    },
  );

  it.each([
    ['images', ALL_MODELS.images],
    ['scaled', ALL_MODELS.scaled],
  ])(
    'continues a model file of before channels ([rows, cols], %s) on the data as it loads now, [1, rows, cols]',
    (_, file) => {
      expect(file.inputShape).toHaveLength(2);
      const parsed = parseProject(projectFromModel(file));
      if (!parsed.ok) throw new Error('not a project');
      const project = parsed.value;
      const { model, params } = modelFromFile(file);
      const compiled = compileGraph(
        project.graph,
        {
          sampleShape: [1, ...file.inputShape],
          task: 'classification',
          outputs: file.classes!.length,
        },
        project.training.loss,
      );
      // The Flatten makes the same rows of rows x cols values: the same layers and weights.
      expect(compiled.model?.layers).toEqual(model.layers);
      expect(paramsFromProject(compiled.model!, project.weights, project.training.seed)).toEqual(
        params,
      );
    },
  );
});
