import { existsSync, readFileSync } from 'node:fs';
import type { RawImage } from '../../src/types.js';

export const DIST = new URL('../../dist/node/index.js', import.meta.url);
if (!existsSync(DIST)) throw new Error('dist/node/index.js is missing: run `npm run build` (npm test does it first).');

/** The built package, as users import it. */
export async function pkg(): Promise<typeof import('../../src/index.js')> {
  return (await import(DIST.href)) as typeof import('../../src/index.js');
}

/** The pool's fault-injection hooks (not public API: a registered symbol, see src/runtime/pool.ts). */
export function faults(pool: unknown): { crash(i?: number): Promise<void>; terminate(i?: number): void } {
  return (pool as Record<symbol, () => ReturnType<typeof faults>>)[Symbol.for('edge-augment.faults')]!();
}

export const SEED_SPEC = { rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, zoomRange: 0.25, horizontalFlip: true };

/** A crop of a real photo (Keras goldens' input), expanded to RGBA. */
export function photoRGBA(name = 'astronaut'): RawImage {
  const meta = JSON.parse(readFileSync(new URL('../goldens/keras/cases.json', import.meta.url), 'utf8')).inputs[name];
  const rgb = new Uint8Array(readFileSync(new URL(`../goldens/keras/inputs/${name}.bin`, import.meta.url)));
  const n = meta.width * meta.height;
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = rgb[i * meta.channels + Math.min(c, meta.channels - 1)]!;
    out[i * 4 + 3] = 255;
  }
  return { data: out, width: meta.width, height: meta.height, channels: 4 };
}

export function concatBytes(list: { image: RawImage }[]): Uint8Array {
  const total = list.reduce((s, x) => s + x.image.data.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const x of list) { out.set(x.image.data, o); o += x.image.data.length; }
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
