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
});
