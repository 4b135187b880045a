import { type DatasetInfo, encodingText, missingText, splitCounts } from '../../../engine';
import { countOf } from '../../../shared/plural';
import { testSplitOf } from '../../../shared/project';
import { useProject } from '../../stores/appStores';
import { formatCount } from './format';

export type FactsInfo = Pick<
  DatasetInfo,
  'source' | 'task' | 'sampleShape' | 'featureNames' | 'targetNames' | 'classes' | 'counts'
> &
  Partial<Pick<DatasetInfo, 'columns' | 'missing'>>;

/**
 * Rows for training, validation and testing, with the project's validation split applied (and a
 * CSV table's or image folder's own test split, cut from the same rows; a built-in's test set is
 * its own).
 */
function rowsText(counts: FactsInfo['counts'], split: number, testSplit: number): string {
  const total = counts.train + counts.validation + (testSplit > 0 ? counts.test : 0);
  let cut: { train: number; validation: number; test: number };
  try {
    cut = splitCounts('the data', total, { validation: split, test: testSplit });
  } catch {
    return `${formatCount(total)}: too few to keep some apart for validation and the test. Make the splits smaller`;
  }
  const test = testSplit > 0 ? cut.test : counts.test;
  const parts = [`${formatCount(cut.train)} for training`];
  if (cut.validation > 0) parts.push(`${formatCount(cut.validation)} for validation`);
  if (test > 0) parts.push(`${formatCount(test)} for testing`);
  return parts.join(', ');
}

/** A table's inputs: the columns, and what they become when one is not plain numbers. */
function inputsText(info: FactsInfo): string {
  if (info.featureNames.length === 0) return `${info.sampleShape.join(' x ')} pixel images`;
  if (!info.columns) return info.featureNames.join(', ');
  const names = info.columns.map((c) => c.name).join(', ');
  return `${names}: [batch, ${info.sampleShape.join(', ')}] = ${encodingText(info.columns)}`;
}

/** Task, rows, inputs and targets (or classes) of a dataset, as a short list of facts. */
export function DatasetFacts({ info }: { info: FactsInfo }) {
  const split = useProject((s) => s.training.validationSplit);
  const testSplit = useProject((s) => testSplitOf(s.dataset));
  const missing = info.missing && missingText(info.missing);
  return (
    <dl className="facts">
      <dt>Task</dt>
      <dd>
        {info.task === 'regression'
          ? 'Regression (predict numbers)'
          : `Classification (${countOf(info.classes?.length ?? 0, 'class', 'classes')})`}
      </dd>
      <dt>Rows</dt>
      <dd>{rowsText(info.counts, split, testSplit)}</dd>
      {missing && (
        <>
          <dt>Missing</dt>
          <dd>{missing}</dd>
        </>
      )}
      <dt>Inputs</dt>
      <dd>{inputsText(info)}</dd>
      {info.targetNames.length > 0 && (
        <>
          <dt>{info.targetNames.length === 1 ? 'Target' : 'Targets'}</dt>
          <dd>{info.targetNames.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}
