import { describe, expect, it } from 'vitest';
import { previewCsv, textSource } from '../../engine';
import {
  columnWarning,
  csvDraft,
  draftClasses,
  draftGaps,
  draftInputs,
  draftMissing,
  draftProblem,
  draftRef,
  rowsKept,
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

  it('warns about a name per row as a feature, text in a regression target, an empty column', async () => {
    const { preview } = await draftOf();
    const [name, , grade, note] = preview.columns;
    expect(columnWarning(name!, 'feature', 'regression')).toMatch(
      /^A name or number per row: the model would get an input for each row/,
    );
    // Text with few values is a feature as categories (one-hot): no warning.
    expect(columnWarning(grade!, 'feature', 'regression')).toBeUndefined();
    expect(columnWarning(grade!, 'target', 'regression')).toBe(
      'Row 2 holds “x”: a regression target must be numbers.',
    );
    expect(columnWarning(grade!, 'target', 'classification')).toBeUndefined();
    expect(columnWarning(note!, 'feature', 'regression')).toMatch(/^This column is empty/);
    expect(columnWarning(name!, 'ignored', 'regression')).toBeUndefined();
  });
});

describe('a CSV draft with gaps, text and dates', () => {
  const messy =
    'day,island,bill,species\n2024-01-05,Dream,40.1,Adelie\n2024-01-06,NA,39.5,Adelie\n' +
    '2024-02-01,Biscoe,?,Gentoo\n,Biscoe,47.2,\n2024-03-09,Dream,46.0,Chinstrap\n';
  const messyDraft = async () =>
    csvDraft(new Blob([messy]), 'birds.csv', await previewCsv(textSource('birds.csv', messy)));

  it('takes dates and categories as features, and says what they become', async () => {
    const draft = await messyDraft();
    expect(draftRef(draft)).toMatchObject({
      features: ['day', 'island', 'bill'],
      targets: ['species'],
      task: 'classification',
    });
    expect(draftInputs(draft)).toEqual([
      { name: 'day', kind: 'date' },
      { name: 'island', kind: 'category', categories: ['Biscoe', 'Dream'] },
      { name: 'bill', kind: 'number' },
    ]);
  });

  it('counts the gaps of the chosen columns, and leaves their rows out unless told otherwise', async () => {
    const draft = await messyDraft();
    expect(draftGaps(draft)).toEqual({ featureCells: 3, rowsWithGap: 3, rowsWithoutTarget: 1 });
    expect(draftMissing(draft)).toBe('drop');
    expect(rowsKept(draft)).toBe(2);
    expect(draftRef(draft).missing).toBe('drop');
    const filled = { ...draft, missing: 'mean' as const };
    expect(rowsKept(filled)).toBe(4);
    expect(draftProblem({ ...draft, missing: 'error' })).toMatch(/have missing values/);
    // Without the gappy columns nothing is missing, and the default stays the project file's.
    const clean = withRole(
      withRole(withRole(draft, 'island', 'ignored'), 'bill', 'ignored'),
      'day',
      'ignored',
    );
    expect(draftMissing(withRole(clean, 'species', 'ignored'))).toBe('error');
  });
});

describe('a column of numbers with a typo', () => {
  it('is neither a name per row nor a feature by default, and its card names the cell', async () => {
    const text = 'temp,humidity,yield\n73,43,56\n91,6O,81\n87,58,119\n102,37,22\n';
    const preview = await previewCsv(textSource('typo.csv', text));
    const humidity = preview.columns[1]!;
    expect(humidity).toMatchObject({ type: 'text', numbers: 3, count: 4, idLike: false });
    expect(preview.suggestion.features).toEqual(['temp']);
    expect(columnWarning(humidity, 'feature', 'regression')).toBe(
      'Row 3 holds “6O” among numbers: fix the cell, or empty it to mark the value missing.',
    );
  });
});
