import { baseName } from '../../../shared/fileKinds';
import { countOf } from '../../../shared/plural';
import { TRAINING_LIMITS } from '../../../shared/project';
import { datasetStore, useDataset } from '../../stores/appStores';
import type { FolderDraft, FolderOptions } from '../../stores/folderDraft';
import { Field, NumberField } from '../fields';
import { DatasetDetails } from './DatasetDetails';
import { DatasetFacts } from './DatasetFacts';
import { DraftActions } from './DraftActions';
import { formatCount } from './format';

const setOptions = (changes: Partial<FolderOptions>) =>
  void datasetStore.getState().setFolderOptions(changes);

/**
 * An image folder (or .zip) being imported: how its images are read (size, grey or RGB, the
 * test split), and once the worker has read them so, the classes, sample images and the files
 * left out.
 */
export function FolderDraftView({ draft }: { draft: FolderDraft }) {
  const busy = useDataset((s) => s.progress !== undefined);
  const { description, size, channels, testSplit } = draft;
  const name = baseName(draft.path);
  const zip = name.toLowerCase().endsWith('.zip');
  const images = description
    ? description.counts.train + description.counts.validation + description.counts.test
    : undefined;
  return (
    <section className="draft" aria-label={`Import ${name}`}>
      <h3 className="draft-title">{name}</h3>
      <p className="draft-meta">
        {zip ? 'A .zip of images' : 'A folder of images'}
        {images !== undefined &&
          ` · ${formatCount(images)} ${images === 1 ? 'image' : 'images'} in ${countOf(description?.classes?.length ?? 0, 'class', 'classes')}`}
      </p>
      <p className="draft-summary">
        Each subfolder is a class. Every image is made {size[0]} x {size[1]} pixels (resized
        bilinearly when it is another size), {channels === 1 ? 'grey' : 'in colour (RGB)'}, with
        pixels scaled to [0, 1].
      </p>
      <div className="field-row">
        <NumberField
          label="Height"
          value={size[0]}
          limits={TRAINING_LIMITS.imageSize}
          hint="pixels"
          disabled={busy}
          onCommit={(height) => setOptions({ size: [height, size[1]] })}
        />
        <NumberField
          label="Width"
          value={size[1]}
          limits={TRAINING_LIMITS.imageSize}
          hint="pixels"
          disabled={busy}
          onCommit={(width) => setOptions({ size: [size[0], width] })}
        />
      </div>
      <div className="field-row">
        <Field label="Channels">
          {(id) => (
            <select
              id={id}
              value={channels}
              disabled={busy}
              onChange={(e) => setOptions({ channels: e.target.value === '3' ? 3 : 1 })}
            >
              <option value="1">Grey (1)</option>
              <option value="3">RGB (3)</option>
            </select>
          )}
        </Field>
        <NumberField
          label="Test split"
          value={testSplit}
          limits={TRAINING_LIMITS.testSplit}
          hint="share of images kept apart until the end, 0 for none"
          disabled={busy}
          onCommit={(share) => setOptions({ testSplit: share })}
        />
      </div>
      {description && (
        <>
          <DatasetFacts info={description} />
          <DatasetDetails description={description} />
        </>
      )}
      <DraftActions canUse={!busy && description !== undefined} />
    </section>
  );
}
