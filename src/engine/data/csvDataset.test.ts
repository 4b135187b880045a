import { describe, expect, it } from 'vitest';
import { expectInputError } from '../testing/expectInputError.node';
import { type CsvColumns, csvToDataset, MAX_CLASSES } from './csvDataset';
import { previewCsv } from './csvPreview';
import { bytesSource, textSource } from './source';

const weather: CsvColumns = { features: ['temp', 'rain'], targets: ['apples'], task: 'regression' };
const load = (text: string, columns: CsvColumns = weather) =>
  csvToDataset(textSource('farm.csv', text), columns);

describe('csvToDataset', () => {
  it('reads features and several regression targets row-major', async () => {
    const data = await csvToDataset(textSource('c.csv', 'a,b,y1,y2\n1,2,3,4\n5,6,7,8\n'), {
      features: ['b', 'a'],
      targets: ['y1', 'y2'],
      task: 'regression',
    });
    expect(data).toMatchObject({
      name: 'c.csv',
      count: 2,
      sampleShape: [2],
      featureNames: ['b', 'a'],
    });
    expect([...data.x]).toEqual([2, 1, 6, 5]);
    expect(data.targets).toMatchObject({ task: 'regression', size: 2, names: ['y1', 'y2'] });
    if (data.targets.task === 'regression') expect([...data.targets.values]).toEqual([3, 4, 7, 8]);
  });

  it('maps text labels to sorted classes, and equal numeric labels to one class', async () => {
    const text = await csvToDataset(textSource('t.csv', 'x,kind\n1,cat\n2,Dog\n3,ant\n4,cat\n'), {
      features: ['x'],
      targets: ['kind'],
      task: 'classification',
    });
    expect(text.targets).toMatchObject({ classes: ['ant', 'cat', 'Dog'] });
    if (text.targets.task === 'classification')
      expect([...text.targets.labels]).toEqual([1, 2, 0, 1]);
    const numeric = await csvToDataset(textSource('n.csv', 'x,d\n1,10\n2,2\n3,2.0\n4,0\n'), {
      features: ['x'],
      targets: ['d'],
      task: 'classification',
    });
    expect(numeric.targets).toMatchObject({ classes: ['0', '2', '10'] });
    if (numeric.targets.task === 'classification')
      expect([...numeric.targets.labels]).toEqual([2, 1, 1, 0]);
  });

  it('takes what the preview suggests', async () => {
    const source = textSource('s.csv', 'id,h,w,kind\n1,2,3,a\n2,4,5,b\n3,6,7,a\n4,8,9,b\n');
    const { suggestion } = await previewCsv(source);
    const data = await csvToDataset(source, suggestion);
    expect(data.featureNames).toEqual(['h', 'w']);
    expect(data.targets).toMatchObject({ task: 'classification', classes: ['a', 'b'] });
  });
});

describe('csvToDataset: bad input', () => {
  it('an empty file', async () => {
    await expectInputError(load(''), '"farm.csv" is empty', /Choose a CSV file/);
    await expectInputError(load('\n\n  \n'), '"farm.csv" is empty');
  });

  it('a header with no rows', async () => {
    await expectInputError(
      load('temp,rain,apples\n'),
      '"farm.csv" has a header (row 1) but no rows',
      /Add the data rows/,
    );
  });

  it('a ragged row', async () => {
    await expectInputError(
      load('temp,rain,apples\n1,2,3\n4,5\n'),
      '"farm.csv", row 3: this row has 2 cells but the header (row 1) has 3',
    );
    await expectInputError(load('temp,rain,apples\n1,2,3,4\n'), 'row 2: this row has 4 cells');
  });

  it('text among the numbers of a feature', async () => {
    await expectInputError(
      load('temp,rain,apples\n1,2,3\n4,lots,6\n5,7,8\n'),
      '"farm.csv", row 3, column B "rain": "lots" is not a number, but most cells of this column are',
      /empty it to mark the value missing/,
    );
    await expectInputError(
      load('temp,rain,apples\n1,2,3\n4,5,six\n'),
      '"farm.csv", row 3, column C "apples": "six" is not a number, and a regression learns numbers',
    );
  });

  it('a missing cell, under the default policy', async () => {
    await expectInputError(
      load('temp,rain,apples\n1,2,NA\n'),
      'row 2, column C "apples": "NA" marks a missing value',
      /leave out such rows, or fill in the mean \("missing": "drop" or "mean"/,
    );
    await expectInputError(
      load('temp,rain,apples\n1,2,3\n4, ,6\n'),
      '"farm.csv", row 3, column B "rain": the cell is blank',
      /Fill it in/,
    );
    await expectInputError(
      csvToDataset(textSource('k.csv', 'x,kind\n1,a\n2,\n3,b\n'), {
        features: ['x'],
        targets: ['kind'],
        task: 'classification',
      }),
      '"k.csv", row 3, column B "kind": the cell is blank',
    );
  });

  it('binary garbage', async () => {
    const bytes = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256);
    await expectInputError(
      csvToDataset(bytesSource('photo.csv', bytes), weather),
      '"photo.csv" is not a text file',
    );
  });

  it('a column name the file does not have', async () => {
    await expectInputError(
      load('temp,rainfall,apples\n1,2,3\n'),
      '"farm.csv" has no column "rain"',
      /the file's columns are "temp", "rainfall", "apples"/,
    );
  });

  it('duplicate column names', async () => {
    await expectInputError(
      load('temp,rain,temp,apples\n1,2,3,4\n'),
      '"farm.csv", row 1: two columns are named "temp" (columns A and C)',
      /Rename one/,
    );
  });

  it('an unclosed quote', async () => {
    await expectInputError(
      load('temp,rain,apples\n1,"2,3\n4,5,6\n'),
      '"farm.csv", row 2: a quote mark',
    );
  });

  it('inconsistent roles', async () => {
    await expectInputError(
      load('temp,rain,apples\n1,2,3\n', {
        features: ['temp', 'apples'],
        targets: ['apples'],
        task: 'regression',
      }),
      'column "apples" of "farm.csv" is both a feature and a target',
    );
    await expectInputError(
      load('temp,rain,apples\n1,2,3\n', {
        features: ['temp'],
        targets: ['rain', 'apples'],
        task: 'classification',
      }),
      'a classification learns one column of class labels, but 2 target columns',
    );
  });

  it('too many classes', async () => {
    const rows = Array.from({ length: MAX_CLASSES + 1 }, (_, i) => `${i},label${i}`).join('\n');
    await expectInputError(
      csvToDataset(textSource('ids.csv', `x,name\n${rows}`), {
        features: ['x'],
        targets: ['name'],
        task: 'classification',
      }),
      'column "name" of "ids.csv" has more than 1000 different values',
    );
  });
});
