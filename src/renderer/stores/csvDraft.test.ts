import { describe, expect, it } from 'vitest';
import { previewCsv, textSource } from '../../engine';
import {
  columnWarning,
  csvDraft,
  draftClasses,
  draftProblem,
  draftRef,
  withRole,
} from './csvDraft';

const text = 'name,size,grade,note\na,1,x,\nb,2,y,\nc,3,x,\nd,4,y,\n';
const draftOf = async (ref?: Parameters<typeof csvDraft>[3]) =>
  csvDraft(new Blob([text]), 'grades.csv', await previewCsv(textSource('grades.csv', text)), ref);

describe('CSV draft', () => {
  it('starts from the suggested roles: names and empty columns ignored, text labels as classes', async () => {
    const draft = await draftOf();
    expect(draft.roles).toEqual({
      name: 'ignored',
      size: 'feature',
      grade: 'target',
      note: 'ignored',
    });
    expect(draft.task).toBe('classification');
    expect(draftClasses(draft)).toEqual(['x', 'y']);
    expect(draftRef(draft)).toEqual({
      source: 'csv',
      path: 'grades.csv',
      features: ['size'],
      targets: ['grade'],
      task: 'classification',
    });
    expect(draftProblem(draft)).toBeUndefined();
  });

  it('starts from a project’s roles when it is opened again', async () => {
    const draft = await draftOf({
      source: 'csv',
      path: 'grades.csv',
      features: ['size'],
      targets: ['size'],
      task: 'regression',
    });
    expect(draft.roles.size).toBe('target');
    expect(draft.task).toBe('regression');
  });

  it('names the file by its path on disk where known, else by its name', async () => {
    const preview = await previewCsv(textSource('grades.csv', text));
    const at = (path?: string) =>
      draftRef(csvDraft(new Blob([text]), 'grades.csv', preview, undefined, path));
    expect(at().path).toBe('grades.csv');
    expect(at('/home/ada/grades.csv').path).toBe('/home/ada/grades.csv');
    // Columns changed on the project's own file keep where the project reads it.
    const ref = { ...draftRef(await draftOf()), path: '/home/ada/grades.csv' };
    expect(draftRef(await draftOf(ref)).path).toBe('/home/ada/grades.csv');
  });

  it('infers the task from the new targets, and says what keeps a draft from use', async () => {
    let draft = withRole(await draftOf(), 'size', 'target');
    expect(draft.task).toBe('regression');
    expect(draftProblem(draft)).toMatch(/^Choose at least one feature/);
    draft = withRole(draft, 'grade', 'ignored');
    expect(draft.task).toBe('regression');
    draft = withRole(withRole(draft, 'size', 'feature'), 'grade', 'target');
    expect(draft.task).toBe('classification');
    draft = withRole(withRole(draft, 'size', 'target'), 'name', 'feature');
    expect(draft.task).toBe('regression');
    expect(draftProblem({ ...draft, task: 'classification' })).toMatch(/keep one target/);
  });

  it('warns about text in a feature or a regression target, and about an empty column', async () => {
    const { preview } = await draftOf();
    const [name, , grade, note] = preview.columns;
    expect(columnWarning(name!, 'feature', 'regression')).toBe(
      'Row 2 holds “a”: a feature must be numbers.',
    );
    expect(columnWarning(grade!, 'target', 'regression')).toBe(
      'Row 2 holds “x”: a regression target must be numbers.',
    );
    expect(columnWarning(grade!, 'target', 'classification')).toBeUndefined();
    expect(columnWarning(note!, 'feature', 'regression')).toMatch(/^This column is empty/);
    expect(columnWarning(name!, 'ignored', 'regression')).toBeUndefined();
  });
});
