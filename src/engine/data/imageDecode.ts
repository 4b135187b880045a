import { decode as decodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { InputError } from '../errors';

/** An image as bytes 0..255, row-major and interleaved: `[height][width][channels]`. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

/** The formats a folder dataset reads, by their first bytes. */
type ImageFormat = 'png' | 'jpeg';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function formatOf(bytes: Uint8Array): ImageFormat | undefined {
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Largest image decoded, in pixels: jpeg-js's own default guard, for PNG too. */
const MAX_PIXELS = 100_000_000;

/**
 * A PNG as torchvision's loader sees it after `Image.open(f).convert('RGB')`: a palette looked up,
 * alpha dropped (not blended), grey levels of 1, 2 and 4 bits stretched to 0..255 as Pillow
 * unpacks them; grey images stay one channel, since Pillow's "L" of `(v, v, v)` is `v` again.
 * 16-bit samples keep their high byte (Pillow does so for RGB; for 16-bit grey it clips to 255).
 */
function pngPixels(bytes: Uint8Array): Pixels {
  const png = decodePng(bytes);
  const { width, height, depth, palette } = png;
  if (width * height > MAX_PIXELS) throw new Error(`${width} x ${height} pixels is too large`);
  const count = width * height;
  const src = png.data;
  if (palette) {
    const data = new Uint8Array(count * 3);
    for (let i = 0; i < count; i++) {
      const colour = palette[sampleAt(src, depth, width, i)] ?? [0, 0, 0];
      data[3 * i] = colour[0]!;
      data[3 * i + 1] = colour[1]!;
      data[3 * i + 2] = colour[2]!;
    }
    return { width, height, channels: 3, data };
  }
  // Grey, grey + alpha, RGB, RGBA: keep the colour channels, drop alpha.
  const colours = png.channels >= 3 ? 3 : 1;
  const data = new Uint8Array(count * colours);
  const maxLevel = depth >= 8 ? 255 : (1 << depth) - 1;
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < colours; c++) {
      const v = sampleAt(src, depth, width * png.channels, i * png.channels + c);
      data[i * colours + c] = depth === 16 ? v >> 8 : depth < 8 ? (v * 255) / maxLevel : v;
    }
  }
  return { width, height, channels: colours, data: data };
}

/**
 * Sample `i` (counted along rows of `perRow` samples) of PNG data: fast-png unpacks 8 and 16 bits
 * per sample, but keeps 1, 2 and 4 bits packed, most significant first, each row starting on a
 * new byte (the PNG layout).
 */
function sampleAt(data: ArrayLike<number>, depth: number, perRow: number, i: number): number {
  if (depth >= 8) return data[i]!;
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const row = Math.floor(i / perRow);
  const bit = (i % perRow) * depth;
  const byte = data[row * rowBytes + (bit >> 3)]!;
  return (byte >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

/** A JPEG as RGB (jpeg-js turns grey and CMYK JPEGs into RGB too). */
function jpegPixels(bytes: Uint8Array): Pixels {
  const jpeg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false });
  return { width: jpeg.width, height: jpeg.height, channels: 3, data: jpeg.data };
}

/**
 * Decodes a PNG or JPEG file (told apart by its first bytes, whatever its name), with pure-JS
 * decoders that give the same pixels in Node and in the browser. A file that is neither, or that
 * fails to decode, is an InputError naming it.
 *
 * @example
 * const image = toChannels(decodeImage('shoe/001.png', bytes), 1);
 */
export function decodeImage(name: string, bytes: Uint8Array): Pixels {
  const format = formatOf(bytes);
  if (!format) throw new InputError(`"${name}" is not a PNG or JPEG image`);
  try {
    return format === 'png' ? pngPixels(bytes) : jpegPixels(bytes);
  } catch (err) {
    throw new InputError(
      `"${name}" could not be decoded as ${format.toUpperCase()} (${(err as Error).message})`,
    );
  }
}

/**
 * The image with `channels` channels: grey repeated into RGB, or RGB to grey by Pillow's "L"
 * conversion (ITU-R 601-2 luma, `L = R * 299/1000 + G * 587/1000 + B * 114/1000`), computed as
 * Pillow's Convert.c does in 16-bit fixed point: `(R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16`.
 */
export function toChannels(image: Pixels, channels: 1 | 3): Pixels {
  if (image.channels === channels) return image;
  const count = image.width * image.height;
  const src = image.data;
  const data = new Uint8Array(count * channels);
  if (channels === 3) {
    for (let i = 0; i < count; i++) data.fill(src[i]!, 3 * i, 3 * i + 3);
  } else {
    for (let i = 0; i < count; i++) {
      const r = src[3 * i]!;
      const g = src[3 * i + 1]!;
      const b = src[3 * i + 2]!;
      data[i] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }
  }
  return { width: image.width, height: image.height, channels, data };
}
