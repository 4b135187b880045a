import { expect, it } from 'vitest';
import { describeWith, pillowNeed } from '../testing/needs.node';
import { pillowImages } from '../testing/pillowImages.node';
import { decodeImage, toChannels } from './imageDecode';
import { resizeBilinear } from './imageResize';

it('keeps an image that is already the size asked for, and averages when shrinking', () => {
  const image = { width: 4, height: 1, channels: 1 as const, data: Uint8Array.of(0, 100, 200, 40) };
  expect(resizeBilinear(image, 1, 4)).toBe(image);
  // Halving: the triangle stretched to support 2 around the output's centre (input 1.0) weighs
  // inputs 0, 1, 2 by 0.75, 0.75, 0.25, renormalised: (0 * 0.75 + 100 * 0.75 + 200 * 0.25) / 1.75
  // = 71.4, and (100 * 0.25 + 200 * 0.75 + 40 * 0.75) / 1.75 = 117.1 (Pillow's 71 and 117).
  expect([...resizeBilinear(image, 1, 2).data]).toEqual([71, 117]);
});

describeWith(pillowNeed(), "resizing as Pillow's Image.resize(..., BILINEAR) does", () => {
  const images = pillowImages();
  for (const [name, { bytes, pillow }] of images) {
    it(name, () => {
      // Pillow's own decoded pixels, so that only the resize is compared (JPEG decoders differ).
      const rgb = {
        width: pillow.width,
        height: pillow.height,
        channels: 3 as const,
        data: Uint8Array.from(pillow.rgb),
      };
      expect(decodeImage(name, bytes).width).toBe(pillow.width);
      const grey = toChannels(rgb, 1);
      for (const resized of pillow.resized) {
        const [height, width] = resized.size;
        expect([...resizeBilinear(grey, height, width).data]).toEqual(resized.grey);
        expect([...resizeBilinear(rgb, height, width).data]).toEqual(resized.rgb);
      }
    });
  }
});
