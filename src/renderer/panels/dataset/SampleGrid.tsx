import { useEffect, useRef } from 'react';
import type { SampleGrid as Samples } from '../../../engine';

interface SampleImageProps {
  samples: Samples;
  /** Which image of the grid. */
  k: number;
  label: string;
}

/** One greyscale image drawn pixel for pixel on a canvas that CSS scales up without smoothing. */
function SampleImage({ samples, k, label }: SampleImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { rows, cols, pixels } = samples;
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(cols, rows);
    const offset = k * rows * cols;
    for (let i = 0; i < rows * cols; i++) {
      const v = pixels[offset + i] ?? 0;
      image.data.set([v, v, v, 255], 4 * i);
    }
    context.putImageData(image, 0, 0);
  }, [pixels, rows, cols, k]);
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
