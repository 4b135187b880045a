import { expect, it } from 'vitest';
import { describeWith, pillowNeed } from '../testing/needs.node';
import { pillowImages } from '../testing/pillowImages.node';
import { decodeImage, toChannels } from './imageDecode';

/**
 * Levels a JPEG's pixels differ from Pillow's by, at most (PNG decoding is exact): jpeg-js's IDCT
 * rounds differently from libjpeg-turbo's (1 or 2 levels), and it upsamples half-resolution
 * chroma (4:2:0, the usual) by repeating samples where libjpeg-turbo interpolates ("fancy
 * upsampling"), which moves colours at sharp colour edges by tens of levels; the luma, and so a
 * grey image, stays within 2.
 */
const JPEG_TOLERANCE: Record<string, { rgb: number; grey: number }> = {
  'photo.jpg': { rgb: 29, grey: 2 },
  'noise.jpg': { rgb: 2, grey: 1 },
  'grey.jpg': { rgb: 1, grey: 1 },
};

/** Largest difference between two lists of pixel values. */
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
};

it('names a file that is neither PNG nor JPEG, and one that fails to decode', () => {
  expect(() => decodeImage('notes.txt', new TextEncoder().encode('hello'))).toThrow(
    '"notes.txt" is not a PNG or JPEG image',
  );
  const truncated = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0);
  expect(() => decodeImage('cut.png', truncated)).toThrow('"cut.png" could not be decoded as PNG');
});

it("turns RGB to grey with Pillow's fixed-point ITU-R 601-2 luma", () => {
  const rgb = {
    width: 4,
    height: 1,
    channels: 3 as const,
    data: Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 200, 30),
  };
  // (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16: 76, 150, 29 and 124 (Pillow's values).
  expect([...toChannels(rgb, 1).data]).toEqual([76, 150, 29, 124]);
  expect([...toChannels(toChannels(rgb, 1), 3).data.subarray(0, 3)]).toEqual([76, 76, 76]);
});

describeWith(pillowNeed(), 'decoding as Pillow does (convert to RGB, then L)', () => {
  const images = pillowImages();
  for (const [name, { bytes, pillow }] of images) {
    it(name, () => {
      const image = decodeImage(name, bytes);
      expect([image.width, image.height]).toEqual([pillow.width, pillow.height]);
      const rgb = toChannels(image, 3).data;
      const grey = toChannels(image, 1).data;
      if (name.endsWith('.png')) {
        expect([...rgb]).toEqual(pillow.rgb);
        expect([...grey]).toEqual(pillow.grey);
      } else {
        const tolerance = JPEG_TOLERANCE[name]!;
        expect(maxDiff(rgb, pillow.rgb)).toBeLessThanOrEqual(tolerance.rgb);
        expect(maxDiff(grey, pillow.grey)).toBeLessThanOrEqual(tolerance.grey);
      }
    });
  }
});
