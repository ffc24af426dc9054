/**
 * `lut`: a 256-entry table per colour channel (one table for all when `tables` has 256 entries); alpha
 * untouched. Exact: posterize, solarize, invert, gamma are tables.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { colourChannels, outU8, pixelOnly } from './util.js';
import { readyConv } from './conv-wasm.js';

export interface LutStage extends Stage {
  kind: 'lut';
  /** 256 values (all channels) or 256 × colour channels (channel-major), each 0..255. */
  tables: ArrayLike<number>;
}

/** Makes a table from a function of the level. */
export function tableOf(f: (v: number) => number): Uint8Array {
  const t = new Uint8Array(256);
  for (let v = 0; v < 256; v++) t[v] = f(v);
  return t;
}

/** A table as a Uint8Array (the loops below then see one element kind: monomorphic, no boxing). */
function u8Table(t: ArrayLike<number>): Uint8Array {
  return t instanceof Uint8Array ? t : Uint8Array.from(t as ArrayLike<number>);
}

/** Applies per-channel tables (`t[c * 256 + v]`) to a u8 image; alpha (4th channel) is copied. */
export function applyTables(src: Img, tables: ArrayLike<number>, perChannel: boolean): Img {
  const d = src.data;
  const C = src.channels;
  const n = d.length;
  const out = outU8(n);
  const t = u8Table(tables);
  const wasm = readyConv();
  if (wasm && n > 0) {
    // conv.wasm `lutApply`: three channel tables (one table: repeated), alpha copied — the same bytes.
    let t3 = t;
    if (C !== 1 && !perChannel) {
      t3 = new Uint8Array(768);
      t3.set(t.subarray(0, 256));
      t3.set(t.subarray(0, 256), 256);
      t3.set(t.subarray(0, 256), 512);
    }
    return wasm.lut(src, t3, out);
  }
  if (C === 1 || (!perChannel && C === 3)) {
    for (let i = 0; i < n; i++) out[i] = t[d[i]!]!;
    return { ...src, data: out };
  }
  const t0 = t.subarray(0, 256);
  const t1 = perChannel ? t.subarray(256, 512) : t0;
  const t2 = perChannel ? t.subarray(512, 768) : t0;
  if (C === 3) {
    for (let i = 0; i < n; i += 3) {
      out[i] = t0[d[i]!]!;
      out[i + 1] = t1[d[i + 1]!]!;
      out[i + 2] = t2[d[i + 2]!]!;
    }
  } else {
    for (let i = 0; i < n; i += 4) {
      out[i] = t0[d[i]!]!;
      out[i + 1] = t1[d[i + 1]!]!;
      out[i + 2] = t2[d[i + 2]!]!;
      out[i + 3] = d[i + 3]!;
    }
  }
  return { ...src, data: out };
}

export const lutKernel: StageKernel = {
  kind: 'lut',
  maskStage: pixelOnly,
  run(src: Img, stage: Stage): Img {
    const t = (stage as LutStage).tables;
    const cc = colourChannels(src);
    if (t.length !== 256 && t.length !== 256 * cc) {
      throw new EdgeAugmentError('INVALID_PARAMS', `lut stage: tables must have 256 or ${256 * cc} entries, got ${t.length}.`);
    }
    return applyTables(src, t, t.length !== 256);
  },
};
