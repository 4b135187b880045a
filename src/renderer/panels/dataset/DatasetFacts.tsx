import { type DatasetInfo, validationCount } from '../../../engine';
import { countOf } from '../../../shared/plural';
import { useProject } from '../../stores/appStores';
import { formatCount } from './format';

export type FactsInfo = Pick<
  DatasetInfo,
  'source' | 'task' | 'sampleShape' | 'featureNames' | 'targetNames' | 'classes' | 'counts'
>;

/**
 * Rows for training, validation and testing, with the project's validation split applied: to the
 * training rows of a built-in (its test set is apart), to all the rows of a CSV or image folder
 * (which cuts its test split from the same rows, split.ts).
 */
function rowsText(info: FactsInfo, split: number): string {
  const { counts } = info;
  const pooled = info.source === 'csv' || info.source === 'folder' ? counts.test : 0;
  const held = validationCount(counts.train + counts.validation + pooled, split);
  const parts = [`${formatCount(counts.train + counts.validation - held)} for training`];
  if (held > 0) parts.push(`${formatCount(held)} for validation`);
  if (counts.test > 0) parts.push(`${formatCount(counts.test)} for testing`);
  return parts.join(', ');
}

/** Task, rows, inputs and targets (or classes) of a dataset, as a short list of facts. */
export function DatasetFacts({ info }: { info: FactsInfo }) {
  const split = useProject((s) => s.training.validationSplit);
  const images = info.featureNames.length === 0;
  return (
    <dl className="facts">
      <dt>Task</dt>
      <dd>
        {info.task === 'regression'
          ? 'Regression (predict numbers)'
          : `Classification (${countOf(info.classes?.length ?? 0, 'class', 'classes')})`}
      </dd>
      <dt>Rows</dt>
      <dd>{rowsText(info, split)}</dd>
      <dt>Inputs</dt>
      <dd>
        {images ? `${info.sampleShape.join(' x ')} pixel images` : info.featureNames.join(', ')}
      </dd>
      {info.targetNames.length > 0 && (
        <>
          <dt>{info.targetNames.length === 1 ? 'Target' : 'Targets'}</dt>
          <dd>{info.targetNames.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}
