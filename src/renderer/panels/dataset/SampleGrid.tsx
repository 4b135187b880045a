import { useEffect, useRef } from 'react';
import type { SampleGrid as Samples } from '../../../engine';

interface SampleImageProps {
  samples: Samples;
  /** Which image of the grid. */
  k: number;
  label: string;
}

/**
 * One image (grey, or RGB channels first) drawn pixel for pixel on a canvas that CSS scales up
 * without smoothing.
 */
function SampleImage({ samples, k, label }: SampleImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { channels, rows, cols, pixels } = samples;
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(cols, rows);
    const plane = rows * cols;
    const offset = k * channels * plane;
    // Grey repeats its one plane into R, G and B; RGB takes planes 0, 1 and 2.
    const at = (c: number, i: number) => pixels[offset + (channels === 1 ? 0 : c) * plane + i] ?? 0;
    for (let i = 0; i < plane; i++) image.data.set([at(0, i), at(1, i), at(2, i), 255], 4 * i);
    context.putImageData(image, 0, 0);
  }, [pixels, channels, rows, cols, k]);
  return (
    <canvas
      ref={ref}
      width={cols}
      height={rows}
      role="img"
      aria-label={`${label} (sample ${(samples.indices[k] ?? 0) + 1})`}
    />
  );
}

/** A few images of each class with their class names: what the model will look at. */
export function SampleGrid({ samples, classes }: { samples: Samples; classes: readonly string[] }) {
  return (
    <section className="sample-grid" aria-label="Sample images">
      <h3 className="panel-heading">Sample images</h3>
      <ul>
        {samples.labels.map((label, k) => {
          const name = classes[label] ?? String(label);
          return (
            <li key={samples.indices[k]}>
              <SampleImage samples={samples} k={k} label={name} />
              <span aria-hidden="true">{name}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
