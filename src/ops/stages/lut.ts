/**
 * `lut`: a 256-entry table per colour channel (one table for all when `tables` has 256 entries); alpha
 * untouched. Exact: posterize, solarize, invert, gamma are tables.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img, Stage, StageKernel } from '../core/types.js';
import { colourChannels } from './util.js';
import { pixelOnly } from './util.js';

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

/** Applies per-channel tables (`t[c * 256 + v]`) to a u8 image; alpha (4th channel) is copied. */
export function applyTables(src: Img, t: ArrayLike<number>, perChannel: boolean): Img {
  const d = src.data;
  const C = src.channels;
  const cc = colourChannels(src);
  const out = new Uint8Array(d.length);
  if (!perChannel && C !== 4) {
    for (let i = 0; i < d.length; i++) out[i] = t[d[i]!]!;
    return { ...src, data: out };
  }
  for (let i = 0; i < d.length; i += C) {
    for (let c = 0; c < cc; c++) out[i + c] = t[(perChannel ? c * 256 : 0) + d[i + c]!]!;
    if (C === 4) out[i + 3] = d[i + 3]!;
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
