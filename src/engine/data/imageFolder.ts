import { Unzip, UnzipInflate } from 'fflate';
import type { DatasetRef } from '../../shared/project';
import { InputError, isInputError } from '../errors';
import type { Dataset, ImageSize } from './dataset';
import { bytesToUnitFloats } from './idx';
import { decodeImage, type Pixels, toChannels } from './imageDecode';
import { resizeBilinear } from './imageResize';
import type { DataFiles, DataSource } from './source';

export type FolderRef = Extract<DatasetRef, { source: 'folder' }>;

/** A folder of images read as a dataset, and the files it left out. */
export interface ImageFolder {
  readonly data: Dataset;
  /** Files that are not PNG or JPEG images, or failed to decode: `name (why)`, in path order. */
  readonly skipped: readonly string[];
}

/** The extensions read as images: what the exported script's `is_valid_file` accepts too. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

/** True for a file name read as an image: `.png`, `.jpg` or `.jpeg`, in any case. */
export const isImageName = (path: string) => {
  const lower = path.toLowerCase();
  return IMAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
};

/**
 * Python's string order (by code point), which `sorted()` gives ImageFolder's classes and files;
 * JavaScript's `<` compares UTF-16 units, which differs past U+FFFF.
 */
export function codePointCompare(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** macOS's resource forks and hidden files (`.DS_Store`, `__MACOSX/`): not the user's data. */
const isHidden = (path: string) =>
  path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');

/** One image, decoded and ready: `[C, H, W]` bytes, and where it sits. */
interface Sample {
  readonly className: string;
  /** The folder it is in (relative to the class folder, `''` for the class folder itself)... */
  readonly dir: string;
  /** ...and its file name: ImageFolder's order is by folder, then name. */
  readonly file: string;
  readonly pixels: Uint8Array;
}

/** Chunks joined into one array (the one chunk itself when there is one). */
function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** A whole file: an image is decoded from all of its bytes at once. */
async function readAll(source: DataSource): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source.chunks()) chunks.push(chunk);
  return concat(chunks);
}

/** What a folder or archive holds: files and folders, by path under it (`/`-separated). */
interface Listing {
  readonly files: string[];
  readonly folders: Set<string>;
}

/**
 * Each file of a .zip as it is unpacked (fflate's streaming Unzip: one file's bytes in memory at a
 * time), with its path in the archive; directories as they are listed.
 */
async function readZip(
  source: DataSource,
  onFile: (path: string, bytes: Uint8Array) => void,
): Promise<Listing> {
  const listing: Listing = { files: [], folders: new Set() };
  const unzip = new Unzip((entry) => {
    if (entry.name.endsWith('/')) {
      listing.folders.add(entry.name.slice(0, -1));
      return;
    }
    listing.files.push(entry.name);
    const parts: Uint8Array[] = [];
    entry.ondata = (err, chunk, final) => {
      if (err) throw new InputError(`"${source.name}": ${entry.name} is damaged (${err.message})`);
      parts.push(chunk);
      if (final) onFile(entry.name, concat(parts));
    };
    if (isImageName(entry.name) && !isHidden(entry.name)) entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    let last: Uint8Array | undefined;
    for await (const chunk of source.chunks()) {
      if (last) unzip.push(last);
      last = chunk;
    }
    unzip.push(last ?? new Uint8Array(0), true);
  } catch (err) {
    if (isInputError(err)) throw err;
    throw new InputError(
      `"${source.name}" could not be unpacked (${(err as Error).message}): check that it is a .zip archive, or unpack it and choose the folder`,
    );
  }
  return listing;
}

/** Where a file sits: the class folder it is in, the folder under that, its name. */
function place(path: string): { className: string; dir: string; file: string } | undefined {
  const parts = path.split('/');
  if (parts.length < 2) return undefined;
  const file = parts.pop()!;
  const className = parts.shift()!;
  return { className, dir: parts.join('/'), file };
}

/**
 * The path with a zip's one enclosing folder taken off: a folder zipped whole (`animals.zip`
 * holding `animals/cat/1.png`) reads as the folder itself.
 */
function unwrap(listing: Listing): (path: string) => string {
  const tops = new Set(
    [...listing.files, ...listing.folders].filter((p) => !isHidden(p)).map((p) => p.split('/')[0]),
  );
  const [top] = tops;
  if (tops.size !== 1 || top === undefined) return (p) => p;
  const inside = listing.files.filter((p) => p.startsWith(`${top}/`) && !isHidden(p));
  const wrapped = inside.some((p) => p.split('/').length >= 3);
  return wrapped ? (p) => (p.startsWith(`${top}/`) ? p.slice(top.length + 1) : p) : (p) => p;
}

const LAYOUT =
  'an image folder holds one subfolder per class, named for the class, with its PNG or JPEG images in it (such as shoes/boot/001.png and shoes/sandal/002.png)';

/**
 * Reads a folder of images (or a .zip of one) as torchvision's `ImageFolder` does: each
 * subfolder is a class, classes in sorted order, a class's files sorted by folder and then name
 * (including subfolders of a class). Each PNG or JPEG is decoded, converted to grey or RGB,
 * resized to `size` when it is not that size (Pillow's bilinear), and kept as `[C, H, W]` bytes,
 * scaled to [0, 1] as torchvision's ToTensor does. Files that are not images, or fail to decode,
 * are left out and listed in `skipped`; a layout without classes, or a class without images, is
 * an InputError saying what layout is expected.
 *
 * @example
 * const { data, skipped } = await loadImageFolder(ref, nodeFiles(projectDir));
 */
export async function loadImageFolder(ref: FolderRef, files: DataFiles): Promise<ImageFolder> {
  const [height, width] = ref.size;
  const { channels } = ref;
  const name = ref.path.split(/[\\/]/).pop() || ref.path;
  const decoded = new Map<string, Uint8Array>();
  const failed = new Map<string, string>();

  /** Decodes one image to `[C, H, W]` bytes, or notes why it cannot be. */
  const take = (path: string, bytes: Uint8Array) => {
    try {
      decoded.set(path, imageSample(path, bytes, { channels, height, width }));
    } catch (err) {
      if (!isInputError(err)) throw err;
      failed.set(path, bytes.length === 0 ? 'an empty file' : 'could not be decoded');
    }
  };

  let listing: Listing;
  if (ref.path.toLowerCase().endsWith('.zip')) {
    listing = await readZip(files.open(ref.path), take);
  } else {
    const entries = await files.list(ref.path);
    listing = { files: [], folders: new Set() };
    for (const entry of entries) {
      if (entry.kind === 'folder') listing.folders.add(entry.path);
      else listing.files.push(entry.path);
    }
    for (const path of listing.files) {
      if (isImageName(path) && !isHidden(path)) {
        take(path, await readAll(files.open(`${ref.path}/${path}`)));
      }
    }
  }
  return assemble(name, listing, decoded, failed, ref);
}

/**
 * One image file as a sample of `size`: decoded, converted to grey or RGB, resized when it is not
 * that size, as `[C, H, W]` bytes 0..255. An InputError names a file that is not a PNG or JPEG.
 *
 * @example
 * const pixels = imageSample('boot.png', bytes, { channels: 1, height: 28, width: 28 });
 */
export function imageSample(name: string, bytes: Uint8Array, size: ImageSize): Uint8Array {
  const { channels, height, width } = size;
  if (channels !== 1 && channels !== 3) {
    throw new InputError(`images have 1 or 3 channels, not ${channels}`);
  }
  const image = resizeBilinear(toChannels(decodeImage(name, bytes), channels), height, width);
  return channelsFirst(image.data, channels);
}

/** True when every pixel of RGB bytes has R = G = B: a grey picture saved in colour. */
function isGrey(rgb: Uint8Array): boolean {
  for (let i = 0; i < rgb.length; i += 3) {
    if (rgb[i] !== rgb[i + 1] || rgb[i] !== rgb[i + 2]) return false;
  }
  return true;
}

/**
 * The size of the folder's first image that decodes (in path order; in archive order for a .zip),
 * with 1 channel when it is grey (a grey PNG, or R = G = B everywhere), else 3: what the app
 * offers as the size to read the folder at. Undefined when no image decodes.
 *
 * @example
 * const size = await firstImageSize('shoes', files); // { channels: 1, height: 28, width: 28 }
 */
export async function firstImageSize(
  path: string,
  files: DataFiles,
): Promise<ImageSize | undefined> {
  const sizeOf = (name: string, bytes: Uint8Array): ImageSize | undefined => {
    let image: Pixels;
    try {
      image = decodeImage(name, bytes);
    } catch (err) {
      if (isInputError(err)) return undefined;
      throw err;
    }
    const grey = image.channels === 1 || isGrey(image.data);
    return { channels: grey ? 1 : 3, height: image.height, width: image.width };
  };
  if (path.toLowerCase().endsWith('.zip')) {
    let found: ImageSize | undefined;
    await readZip(files.open(path), (name, bytes) => {
      found ??= sizeOf(name, bytes);
    });
    return found;
  }
  const names = (await files.list(path))
    .filter((e) => e.kind === 'file' && isImageName(e.path) && !isHidden(e.path))
    .map((e) => e.path)
    .sort(codePointCompare);
  for (const name of names) {
    const size = sizeOf(name, await readAll(files.open(`${path}/${name}`)));
    if (size) return size;
  }
  return undefined;
}

/** `[H, W, C]` interleaved bytes as `[C, H, W]`, channels first as ToTensor gives them. */
function channelsFirst(data: Uint8Array, channels: number): Uint8Array {
  if (channels === 1) return data;
  const plane = data.length / channels;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < channels; c++) out[c * plane + i] = data[i * channels + c]!;
  }
  return out;
}

/** The dataset from the decoded images, with the layout checked and the left-out files named. */
function assemble(
  name: string,
  listing: Listing,
  decoded: ReadonlyMap<string, Uint8Array>,
  failed: ReadonlyMap<string, string>,
  ref: FolderRef,
): ImageFolder {
  const strip = unwrap(listing);
  const classNames = new Set<string>();
  for (const folder of listing.folders) {
    const path = strip(folder);
    if (path && !isHidden(path)) classNames.add(path.split('/')[0]!);
  }
  const samples: Sample[] = [];
  const skipped: string[] = [];
  let topImages = 0;
  const paths = listing.files.filter((p) => !isHidden(p)).sort(codePointCompare);
  for (const path of paths) {
    const at = place(strip(path));
    if (!at) {
      if (isImageName(path)) topImages++;
      skipped.push(`${path} (not in a class folder)`);
      continue;
    }
    classNames.add(at.className);
    const pixels = decoded.get(path);
    if (pixels) samples.push({ ...at, pixels });
    else skipped.push(`${path} (${failed.get(path) ?? 'not a PNG or JPEG file'})`);
  }
  const classes = [...classNames].sort(codePointCompare);
  if (classes.length === 0) {
    const what =
      topImages > 0
        ? `holds ${topImages} image${topImages === 1 ? '' : 's'} but no class subfolders`
        : 'holds no class subfolders';
    throw new InputError(
      `"${ref.path}" ${what}: ${LAYOUT}. Put each class's images in a subfolder of its own`,
    );
  }
  const empty = classes.filter((c) => !samples.some((s) => s.className === c));
  if (empty.length > 0) {
    const list = empty.map((c) => `"${c}"`).join(', ');
    throw new InputError(
      `"${ref.path}": the class folder${empty.length === 1 ? '' : 's'} ${list} hold${empty.length === 1 ? 's' : ''} no PNG or JPEG image: ${LAYOUT}. Add images to ${empty.length === 1 ? 'it' : 'them'}, or remove ${empty.length === 1 ? 'it' : 'them'}`,
    );
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  samples.sort(
    (a, b) =>
      index.get(a.className)! - index.get(b.className)! ||
      codePointCompare(a.dir, b.dir) ||
      codePointCompare(a.file, b.file),
  );
  const [height, width] = ref.size;
  const size = ref.channels * height * width;
  const bytes = new Uint8Array(samples.length * size);
  for (const [k, s] of samples.entries()) bytes.set(s.pixels, k * size);
  return {
    data: {
      name,
      count: samples.length,
      sampleShape: [ref.channels, height, width],
      x: bytesToUnitFloats(bytes),
      targets: {
        task: 'classification',
        labels: Int32Array.from(samples, (s) => index.get(s.className)!),
        classes,
      },
      featureNames: [],
    },
    skipped,
  };
}
