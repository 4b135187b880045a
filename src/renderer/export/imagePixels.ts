/**
 * An image as the model's raw input: drawn into `cols x rows` (scaled to fit, centred on black),
 * then one byte 0..255 per pixel, its luminance (ITU-R BT.601 weights, as PIL's `convert('L')`).
 * Fashion-MNIST is light garments on black; `invert` turns a dark photo on white paper into that.
 *
 * @example
 * const pixels = await imagePixels(file, 28, 28, true);
 */
export async function imagePixels(
  image: Blob,
  rows: number,
  cols: number,
  invert: boolean,
): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(cols, rows);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw images off screen');
  const scale = Math.min(cols / bitmap.width, rows / bitmap.height);
  const w = bitmap.width * scale;
  const h = bitmap.height * scale;
  context.fillStyle = invert ? '#fff' : '#000';
  context.fillRect(0, 0, cols, rows);
  context.drawImage(bitmap, (cols - w) / 2, (rows - h) / 2, w, h);
  bitmap.close();
  const { data } = context.getImageData(0, 0, cols, rows);
  const pixels = new Uint8ClampedArray(rows * cols);
  for (let i = 0; i < pixels.length; i++) {
    const y = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!;
    pixels[i] = invert ? 255 - y : y;
  }
  return pixels;
}
