/**
 * Real-photo tiles for the fingerprint tests: non-overlapping 48×48 tiles of the bundled photographs
 * (samples/, /work/shared/data/images for brick.png), RGBA, in a seeded shuffled order — so that the
 * first k tiles (a signature bank's) and the rest (held out) both come from every photo.
 */
import { readFileSync } from 'node:fs';
import type { RawImage } from '../../../src/types.js';
import type { pkg } from '../../api/helpers.js';
import { rng } from '../../validity/photo-patches.js';

export const T = 48;
type Api = Awaited<ReturnType<typeof pkg>>;

export async function tiles(api: Api): Promise<RawImage[]> {
  const out: RawImage[] = [];
  for (const f of ['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg', 'camera.png', 'brick.png']) {
    let bytes: Uint8Array;
    try { bytes = new Uint8Array(readFileSync(new URL(`../../../samples/${f}`, import.meta.url))); } catch { bytes = new Uint8Array(readFileSync(`/work/shared/data/images/${f}`)); }
    const img = await api.decodeImage(bytes, { decoder: 'wasm' });
    for (let ty = 0; ty + T <= img.height; ty += T) for (let tx = 0; tx + T <= img.width; tx += T) {
      const d = new Uint8Array(T * T * 4);
      for (let y = 0; y < T; y++) for (let x = 0; x < T; x++) {
        const o = ((ty + y) * img.width + tx + x) * img.channels;
        for (let c = 0; c < 3; c++) d[(y * T + x) * 4 + c] = img.data[o + Math.min(c, img.channels - 1)]!;
        d[(y * T + x) * 4 + 3] = 255;
      }
      out.push({ data: d, width: T, height: T, channels: 4 });
    }
  }
  // A seeded shuffle, so the bank's tiles and the held-out ones come from every photo.
  const u = rng(20261204);
  for (let i = out.length - 1; i > 0; i--) { const j = Math.floor(u() * (i + 1)); [out[i], out[j]] = [out[j]!, out[i]!]; }
  return out;
}
