import type { DatasetDescription } from '../../../engine';
import { ColumnStatsGrid } from './ColumnStatsGrid';
import { formatCount } from './format';
import { SampleGrid } from './SampleGrid';
import { SkippedFiles } from './SkippedFiles';

/** Classes listed with their sizes; a label column may have up to a thousand. */
const SHOWN_CLASSES = 40;

/**
 * What the worker found reading a dataset: the files an image folder left out, sample images,
 * class sizes and statistics.
 */
export function DatasetDetails({ description }: { description: DatasetDescription }) {
  const { stats, classes, classCounts, samples, targetNames, gpuLimit, skipped } = description;
  return (
    <>
      {gpuLimit && <p className="column-warning">{gpuLimit}</p>}
      {skipped && <SkippedFiles files={skipped} />}
      {samples && <SampleGrid samples={samples} classes={classes ?? []} />}
      {classes && (
        <>
          <h3 className="panel-heading">Classes</h3>
          <ul className="class-counts" aria-label="Samples per class">
            {classes.slice(0, SHOWN_CLASSES).map((name, i) => (
              <li key={name}>
                <span>{name}</span>
                <span>{formatCount(classCounts[i] ?? 0)}</span>
              </li>
            ))}
          </ul>
          {classes.length > SHOWN_CLASSES && (
            <p className="column-type">and {classes.length - SHOWN_CLASSES} more classes</p>
          )}
        </>
      )}
      <h3 className="panel-heading">Statistics</h3>
      <ul className="column-cards">
        {stats.map((s) => (
          <li key={s.name} className="column-card">
            <div className="column-card-head">
              <span className="column-name">{s.name}</span>
              <span className="column-tag">
                {s.name === 'pixels' && description.featureNames.length === 0
                  ? 'all pixels, in [0, 1]'
                  : targetNames.includes(s.name)
                    ? 'target'
                    : 'feature'}
              </span>
            </div>
            <ColumnStatsGrid stats={s} />
          </li>
        ))}
      </ul>
    </>
  );
}
