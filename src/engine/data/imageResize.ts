import type { Pixels } from './imageDecode';

/**
 * Pillow's fixed-point precision for 8-bit resampling (Resample.c: `PRECISION_BITS = 32 - 8 - 2`):
 * weights become integers of 22 fractional bits, so that a sum of 255-valued products fits 32 bits.
 */
const PRECISION_BITS = 22;
const HALF = 1 << (PRECISION_BITS - 1);

/** Pillow's bilinear filter: the triangle `max(0, 1 - |x|)`, support 1. */
const triangle = (x: number) => Math.max(0, 1 - Math.abs(x));

/** For each output index along one axis: the first input index read, and its integer weights. */
interface Taps {
  readonly start: Int32Array;
  readonly weights: readonly Int32Array[];
}

/**
 * Pillow's `precompute_coeffs` for BILINEAR along one axis of `inSize` to `outSize`: when
 * shrinking, the triangle is stretched by the scale (antialiasing: each output averages every
 * input it covers); the weights are normalised to sum to 1, then rounded to fixed point half away
 * from zero (`normalize_coeffs_8bpc`).
 */
function taps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const filterScale = Math.max(1, scale);
  const support = filterScale;
  // Multiplied by the inverse, not divided, as Pillow does: the weights round alike.
  const inverse = 1 / filterScale;
  const start = new Int32Array(outSize);
  const weights: Int32Array[] = [];
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    // C's (int) cast truncates toward zero.
    const first = Math.max(0, Math.trunc(center - support + 0.5));
    const last = Math.min(inSize, Math.trunc(center + support + 0.5));
    const raw: number[] = [];
    let total = 0;
    for (let x = first; x < last; x++) {
      const w = triangle((x - center + 0.5) * inverse);
      raw.push(w);
      total += w;
    }
    start[out] = first;
    weights.push(
      Int32Array.from(raw, (w) => {
        const k = total === 0 ? w : w / total;
        return Math.trunc(
          k < 0 ? -0.5 + k * (1 << PRECISION_BITS) : 0.5 + k * (1 << PRECISION_BITS),
        );
      }),
    );
  }
  return { start, weights };
}

/** Rounds a fixed-point sum back to a byte, clamped (Pillow's `clip8`). */
const clip8 = (sum: number) => Math.min(255, Math.max(0, sum >> PRECISION_BITS));

/** One pass along rows (`horizontal`) or columns, rounding to bytes as Pillow does between passes. */
function pass(image: Pixels, size: number, horizontal: boolean): Pixels {
  const { width, height, channels, data } = image;
  const outWidth = horizontal ? size : width;
  const outHeight = horizontal ? height : size;
  const { start, weights } = taps(horizontal ? width : height, size);
  const out = new Uint8Array(outWidth * outHeight * channels);
  // Distance in the data between neighbours along the axis resampled.
  const step = horizontal ? channels : width * channels;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const along = horizontal ? x : y;
      const w = weights[along]!;
      const base = horizontal
        ? (y * width + start[along]!) * channels
        : (start[along]! * width + x) * channels;
      for (let c = 0; c < channels; c++) {
        let sum = HALF;
        for (let k = 0; k < w.length; k++) sum += data[base + k * step + c]! * w[k]!;
        out[(y * outWidth + x) * channels + c] = clip8(sum);
      }
    }
  }
  return { width: outWidth, height: outHeight, channels, data: out };
}

/**
 * The image resized to `height` x `width` as Pillow's `Image.resize((width, height),
 * Image.BILINEAR)` does it (what torchvision's `Resize((H, W))` calls on a PIL image): separable
 * triangle filtering, rows first, then columns, each pass in Pillow's 22-bit fixed point and
 * rounded to bytes; antialiased when shrinking. An image already that size is returned as it is.
 *
 * @example
 * const small = resizeBilinear(image, 28, 28);
 */
export function resizeBilinear(image: Pixels, height: number, width: number): Pixels {
  const across = image.width === width ? image : pass(image, width, true);
  return across.height === height ? across : pass(across, height, false);
}
