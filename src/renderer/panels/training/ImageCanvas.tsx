import { useEffect, useRef } from 'react';

interface ImageCanvasProps {
  readonly rows: number;
  readonly cols: number;
  /** `rows * cols` values. */
  readonly values: ArrayLike<number>;
  /** Grey bytes 0..255, or signed weights drawn blue (positive) and red (negative). */
  readonly mode: 'gray' | { readonly signed: number };
  readonly label: string;
}

/** A small picture drawn pixel by pixel (and scaled up crisply by CSS). */
export function ImageCanvas({ rows, cols, values, mode, label }: ImageCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  // Drawn in a task of its own, not in the commit that mounts the canvas: at the first epoch's end
  // the gallery and the weight pictures mount some 34 canvases at once, and their contexts and
  // pixels (~10 ms) would add to the commit's own work in one long task.
  useEffect(() => {
    const timer = setTimeout(() => draw(ref.current, rows, cols, values, mode));
    return () => clearTimeout(timer);
  }, [rows, cols, values, mode]);
  return (
    <canvas
      ref={ref}
      width={cols}
      height={rows}
      className="pixel-canvas"
      role="img"
      aria-label={label}
    />
  );
}

/** Fills `canvas` with `values`, one pixel each. */
function draw(
  canvas: HTMLCanvasElement | null,
  rows: number,
  cols: number,
  values: ArrayLike<number>,
  mode: ImageCanvasProps['mode'],
) {
  const context = canvas?.getContext('2d');
  if (!context) return;
  const image = context.createImageData(cols, rows);
  const { data } = image;
  for (let i = 0; i < rows * cols; i++) {
    const v = values[i] ?? 0;
    if (mode === 'gray') {
      // Fashion-MNIST is light garments on black: draw them dark on white, as on paper.
      const g = 255 - v;
      data.set([g, g, g, 255], i * 4);
    } else {
      const t = Math.max(-1, Math.min(1, v / (mode.signed || 1)));
      const fade = Math.round(255 * (1 - Math.abs(t)));
      data.set(t >= 0 ? [fade, fade, 255, 255] : [255, fade, fade, 255], i * 4);
    }
  }
  context.putImageData(image, 0, 0);
}
