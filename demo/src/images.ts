/**
 * Where the pictures come from — the bundled samples, picked photos, or a picked folder whose
 * subfolders are the classes (Keras `flow_from_directory` via the SDK's `listDirectory`) — and how a
 * RawImage is put on a canvas.
 */
import { listDirectory, readDatasetFile, toImageData, toRawImage, resizeRawImage, type RawImage } from './sdk.js';

/** One source picture. */
export interface SourceImage {
  name: string;
  /** Class from the folder structure, if any. */
  className?: string;
  image: RawImage;
}

/** Longest side the page works at (bigger photos are scaled down first, bilinear). */
export const MAX_SIDE = 640;

function fit(image: RawImage): RawImage {
  const s = MAX_SIDE / Math.max(image.width, image.height);
  if (s >= 1) return image;
  return resizeRawImage(image, Math.max(1, Math.round(image.width * s)), Math.max(1, Math.round(image.height * s)), 'bilinear');
}

async function decode(name: string, blob: Blob | Uint8Array, className?: string): Promise<SourceImage> {
  const image = fit(await toRawImage(blob, { channels: 4 }));
  return className === undefined ? { name, image } : { name, className, image };
}

/** The sample photos shipped with the page (samples/index.json lists them). */
export async function loadSamples(): Promise<SourceImage[]> {
  const res = await fetch(new URL('samples/index.json', location.href));
  if (!res.ok) throw new Error(`samples/index.json: HTTP ${res.status}`);
  const names = (await res.json()) as string[];
  return Promise.all(names.map(async (n) => {
    const r = await fetch(new URL(`samples/${encodeURIComponent(n)}`, location.href));
    if (!r.ok) throw new Error(`samples/${n}: HTTP ${r.status}`);
    return decode(n, await r.blob());
  }));
}

/** Picked photos (`<input type=file multiple>`). */
export async function loadFiles(files: FileList | readonly File[]): Promise<SourceImage[]> {
  return Promise.all(Array.from(files).map((f) => decode(f.name, f)));
}

/** A picked folder (`<input webkitdirectory>`): classes from its subfolders. */
export async function loadFolder(files: FileList | readonly File[]): Promise<{ images: SourceImage[]; classes: string[] }> {
  const listing = await listDirectory(files);
  if (listing.files.length === 0) {
    // No class subfolders: treat the folder's own images as one unlabelled set.
    const plain = Array.from(files).filter((f) => /\.(png|jpe?g|webp|bmp)$/i.test(f.name));
    return { images: await loadFiles(plain), classes: [] };
  }
  const images = await Promise.all(listing.files.map(async (f) => decode(f.relativePath, await readDatasetFile(f), f.className)));
  return { images, classes: listing.classes };
}

/** Draws a RawImage on a new canvas. */
export function toCanvas(image: RawImage, className = ''): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = image.width;
  c.height = image.height;
  if (className) c.className = className;
  c.getContext('2d')!.putImageData(toImageData(image), 0, 0);
  return c;
}
