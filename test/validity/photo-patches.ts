/**
 * Real-photo material for the drift validity tests: random 64×64 patches of the bundled photographs,
 * the image shifts an attacker or a failing camera produces (brightness, blur, JPEG re-encoding with
 * the SDK's own codecs, Gaussian noise, contrast), and their image features — computed once per test
 * file with the built package (decode → WASM features), as users run it.
 */
import { readFileSync } from 'node:fs';
import { pkg } from '../api/helpers.js';
import type { RawImage } from '../../src/types.js';

export const PATCH = 64;
type Api = Awaited<ReturnType<typeof pkg>>;

/** mulberry32, a seeded uniform in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

/** The PATCH × PATCH RGBA patch of `img` at (x, y). */
export function crop(img: RawImage, x: number, y: number): RawImage {
  const out = new Uint8Array(PATCH * PATCH * 4);
  for (let r = 0; r < PATCH; r++) out.set(img.data.subarray(((y + r) * img.width + x) * 4, ((y + r) * img.width + x + PATCH) * 4), r * PATCH * 4);
  return { data: out, width: PATCH, height: PATCH, channels: 4 };
}

/** `count` random patches of the named photos (samples/ or /work/shared/data/images). */
export async function photoPatches(api: Api, files: readonly string[], count: number, seed: number): Promise<RawImage[]> {
  const photos: RawImage[] = [];
  for (const f of files) {
    const url = new URL(`../../samples/${f}`, import.meta.url);
    let bytes: Uint8Array;
    try { bytes = new Uint8Array(readFileSync(url)); } catch { bytes = new Uint8Array(readFileSync(`/work/shared/data/images/${f}`)); }
    const img = await api.decodeImage(bytes, { decoder: 'wasm' });
    photos.push(img.channels === 4 ? img : await toRGBA(img));
  }
  const u = rng(seed);
  return Array.from({ length: count }, () => {
    const img = photos[Math.floor(u() * photos.length)]!;
    return crop(img, Math.floor(u() * (img.width - PATCH)), Math.floor(u() * (img.height - PATCH)));
  });
}

async function toRGBA(img: RawImage): Promise<RawImage> {
  const n = img.width * img.height, out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = img.data[i * img.channels + Math.min(c, img.channels - 1)]!;
    out[i * 4 + 3] = 255;
  }
  return { data: out, width: img.width, height: img.height, channels: 4 };
}

export function brighten(p: RawImage, f: number): RawImage {
  const d = new Uint8Array(p.data);
  for (let i = 0; i < d.length; i++) if (i % 4 !== 3) d[i] = Math.min(255, Math.round(d[i]! * f));
  return { ...p, data: d };
}

/** Contrast as PIL/torchvision: blend with the image's mean luma, factor f. */
export function contrast(p: RawImage, f: number): RawImage {
  const n = p.width * p.height;
  let m = 0;
  for (let i = 0; i < n; i++) m += 0.299 * p.data[i * 4]! + 0.587 * p.data[i * 4 + 1]! + 0.114 * p.data[i * 4 + 2]!;
  m /= n;
  const d = new Uint8Array(p.data);
  for (let i = 0; i < d.length; i++) if (i % 4 !== 3) d[i] = Math.min(255, Math.max(0, Math.round(f * d[i]! + (1 - f) * m)));
  return { ...p, data: d };
}

/** Additive Gaussian noise of std σ grey levels per channel, seeded per patch. */
export function noise(p: RawImage, sigma: number, seed: number): RawImage {
  const u = rng(seed);
  const d = new Uint8Array(p.data);
  for (let i = 0; i < d.length; i++) {
    if (i % 4 === 3) continue;
    const g = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    d[i] = Math.min(255, Math.max(0, Math.round(d[i]! + sigma * g)));
  }
  return { ...p, data: d };
}

/** Separable Gaussian blur (σ, radius ⌈4σ⌉, reflect border) on RGB. */
export function blur(p: RawImage, sigma: number): RawImage {
  const r = Math.ceil(4 * sigma);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const ks = k.reduce((a, b) => a + b, 0);
  const w = p.width, h = p.height;
  const refl = (i: number, n: number) => (i < 0 ? -i - 1 : i >= n ? 2 * n - i - 1 : i);
  const tmp = new Float64Array(w * h * 4);
  const out = new Uint8Array(p.data);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) {
    let s = 0;
    for (let j = -r; j <= r; j++) s += k[j + r]! * p.data[(y * w + refl(x + j, w)) * 4 + c]!;
    tmp[(y * w + x) * 4 + c] = s / ks;
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) {
    let s = 0;
    for (let j = -r; j <= r; j++) s += k[j + r]! * tmp[(refl(y + j, h) * w + x) * 4 + c]!;
    out[(y * w + x) * 4 + c] = Math.round(s / ks);
  }
  return { ...p, data: out };
}

/** JPEG re-encoding at `quality` with the SDK's own encoder and decoder. */
export async function jpeg(api: Api, p: RawImage, quality: number): Promise<RawImage> {
  return api.decodeImage(await api.encodeImage(p, { format: 'jpeg', quality }), { decoder: 'wasm' });
}

/** The shifts of issue 13, with the image aspect each one should be reported as. */
export const SHIFTS = [
  { name: 'brightness ×1.3', aspect: 'light', apply: async (_api: Api, p: RawImage) => brighten(p, 1.3) },
  { name: 'Gaussian blur σ 1.5', aspect: 'texture', apply: async (_api: Api, p: RawImage) => blur(p, 1.5) },
  { name: 'JPEG quality 20', aspect: 'texture', apply: async (api: Api, p: RawImage) => jpeg(api, p, 20) },
  { name: 'Gaussian noise σ 10', aspect: 'texture', apply: async (_api: Api, p: RawImage, i: number) => noise(p, 10, 7000 + i) },
  { name: 'contrast ×0.7', aspect: 'light', apply: async (_api: Api, p: RawImage) => contrast(p, 0.7) },
] as const;

/** Feature rows (featuresToRecord columns) of `images`, through the built package. */
export async function featureRows(api: Api, images: readonly RawImage[]): Promise<Record<string, number>[]> {
  const r = await api.extractImageFeatures(images as RawImage[]);
  if (r.failures.length) throw new Error(`feature extraction failed for ${r.failures.length} images`);
  return r.rows as Record<string, number>[];
}
