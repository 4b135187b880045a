import { useEffect, useState } from 'react';
import type { imageSize } from '../../engine';
import { ImageCanvas } from '../panels/training/ImageCanvas';
import type { OpenedModel } from './exportStore';
import { imagePixels } from './imagePixels';
import { OutputList } from './OutputList';

/** An image's size, as the engine reads it from a model's input shape. */
export type ImageSize = NonNullable<ReturnType<typeof imageSize>>;

/**
 * An image model's input (`size` from its input shape: `[1, rows, cols]`, or `[rows, cols]` as
 * model files before channels hold it): drop (or choose) a picture; it is drawn at the model's size
 * in greyscale and predicted. The preprocessing in the model file scales the bytes as training did.
 */
export function ImageInput({ opened, size }: { opened: OpenedModel; size: ImageSize }) {
  if (size.channels !== 1) {
    // No dataset of the app has colour: such a model file was written elsewhere.
    return (
      <p className="export-status error">
        This model takes images of {size.channels} channels; Layerboard draws greyscale images (1
        channel) only.
      </p>
    );
  }
  return <GreyImageInput opened={opened} rows={size.height} cols={size.width} />;
}

/** A greyscale image of `rows x cols` pixels: one byte per pixel, the model's whole input. */
function GreyImageInput({
  opened,
  rows,
  cols,
}: {
  opened: OpenedModel;
  rows: number;
  cols: number;
}) {
  const { file, predictor } = opened;
  const [image, setImage] = useState<Blob>();
  // Off: a model reads images as its training data was, light on dark for (Fashion-)MNIST, and
  // a model file records no inversion; inverting by default turned every garment into a "Bag".
  const [invert, setInvert] = useState(false);
  const [pixels, setPixels] = useState<Uint8ClampedArray>();
  const [error, setError] = useState<string>();
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (!image) return;
    imagePixels(image, rows, cols, invert).then(
      (p) => {
        setPixels(p);
        setError(undefined);
      },
      () => setError('This file is not an image the browser can read (try a PNG or JPEG).'),
    );
  }, [image, rows, cols, invert]);
  const outputs = pixels && Array.from(predictor.predict(pixels, 1));
  return (
    <div className="model-predict">
      <label
        className={over ? 'image-drop over' : 'image-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          // Handled here: the window's own drop (datasets, projects) must not see it.
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(false);
          const dropped = e.dataTransfer.files[0];
          if (dropped) setImage(dropped);
        }}
      >
        {pixels ? (
          <ImageCanvas
            rows={rows}
            cols={cols}
            values={pixels}
            mode="gray"
            label="The image as the model sees it"
          />
        ) : (
          <span>
            Drop an image here, or click to choose one. It is drawn at {rows} x {cols} pixels in
            greyscale.
          </span>
        )}
        <input
          type="file"
          accept="image/*"
          aria-label="Image to predict"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) setImage(chosen);
          }}
        />
      </label>
      <label className="image-invert">
        <input type="checkbox" checked={invert} onChange={(e) => setInvert(e.target.checked)} />
        Dark on a light background (invert, as the training images are light on black)
      </label>
      {error && <p className="export-status error">{error}</p>}
      {outputs && <OutputList file={file} outputs={outputs} />}
    </div>
  );
}
