import type { KeyboardEvent } from 'react';
import type { SampleSet } from '../../../engine';
import { formatFeature } from './featureValue';
import { ImageCanvas } from './ImageCanvas';

interface SampleTilesProps {
  readonly set: SampleSet;
  readonly classes: readonly string[];
  /**
   * For a model with feature maps: each image is a button that inspects it (shows what every
   * conv and pool layer makes of it), the inspected one pressed.
   */
  readonly inspect?: { readonly index: number | undefined; readonly pick: (index: number) => void };
}

/**
 * Evaluated samples with their true class, the predicted one and its probability: an image, or
 * a table row as its columns' names and values.
 */
export function SampleTiles({ set, classes, inspect }: SampleTilesProps) {
  const name = (i: number) => classes[i] ?? String(i);
  const k = set.classes;
  // One tab stop for the images (the inspected one, else the first); arrows move among them.
  const stop =
    inspect && set.indices.includes(inspect.index ?? -1) ? inspect.index : set.indices[0];
  return (
    <ul className="sample-tiles" onKeyDown={inspect ? moveAmongImages : undefined}>
      {set.indices.map((index, n) => {
        const truth = set.truth[n]!;
        const predicted = set.predicted[n]!;
        const p = set.probabilities[n * k + predicted] ?? 0;
        const wrong = truth !== predicted;
        const caption = `${name(predicted)} ${(p * 100).toFixed(0)}%`;
        const { image, table } = set;
        return (
          <li
            key={index}
            className={`sample-tile${table ? ' sample-tile-row' : ''}${wrong ? ' wrong' : ''}`}
          >
            {image && (
              <TileImage
                label={`sample ${index}: true ${name(truth)}, predicted ${name(predicted)}`}
                rows={image.rows}
                cols={image.cols}
                pixels={image.pixels.subarray(
                  n * image.rows * image.cols,
                  (n + 1) * image.rows * image.cols,
                )}
                {...(inspect
                  ? {
                      pressed: inspect.index === index,
                      tabStop: index === stop,
                      onInspect: () => inspect.pick(index),
                    }
                  : {})}
              />
            )}
            {table && (
              <dl className="sample-features">
                {table.rows[n]!.map((v, j) => {
                  const column = table.featureNames[j] ?? `column ${j + 1}`;
                  return (
                    <div key={column}>
                      <dt>{column}</dt>
                      <dd>{formatFeature(v)}</dd>
                    </div>
                  );
                })}
              </dl>
            )}
            <span className="sample-caption" title={`true ${name(truth)}, predicted ${caption}`}>
              {wrong && <span className="sample-truth">{name(truth)} → </span>}
              {caption}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Arrow keys (and Home, End) move the focus among a list's Inspect buttons, as in WAI-ARIA's
 * grid and toolbar patterns: the list is one tab stop however many images it shows, and Enter or
 * Space inspects the focused one.
 */
function moveAmongImages(event: KeyboardEvent<HTMLUListElement>): void {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.inspect-button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const last = buttons.length - 1;
  const to =
    event.key === 'ArrowRight' || event.key === 'ArrowDown'
      ? Math.min(at + 1, last)
      : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
        ? Math.max(at - 1, 0)
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? last
            : undefined;
  if (to === undefined) return;
  event.preventDefault();
  for (const [i, button] of buttons.entries()) button.tabIndex = i === to ? 0 : -1;
  buttons[to]!.focus();
}

interface TileImageProps {
  readonly label: string;
  readonly rows: number;
  readonly cols: number;
  readonly pixels: Uint8Array;
  readonly pressed?: boolean;
  /** The list's one tab stop. */
  readonly tabStop?: boolean;
  readonly onInspect?: () => void;
}

/** A sample's image; a button that inspects it where the model has feature maps. */
function TileImage({ label, rows, cols, pixels, pressed, tabStop, onInspect }: TileImageProps) {
  const canvas = <ImageCanvas rows={rows} cols={cols} values={pixels} mode="gray" label={label} />;
  if (!onInspect) return canvas;
  return (
    <button
      type="button"
      className="inspect-button"
      aria-label={`Inspect this image (${label})`}
      aria-pressed={pressed}
      tabIndex={tabStop ? 0 : -1}
      title="Inspect this image: what each conv and pool layer makes of it"
      onClick={onInspect}
    >
      {canvas}
    </button>
  );
}
