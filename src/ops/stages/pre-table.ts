/**
 * Table folding the executor can use (exact: the same bytes, fewer passes over the image):
 *  - adjacent `lut` stages compose into one table (t2[t1[v]], per channel when either is per-channel);
 *  - a one-table `lut` followed by a stage that reads colour levels through an optional `pre` table
 *    (`blend` with `grey` / `greyMean`, `hue`) becomes that stage with `pre` = the table (composed with
 *    any `pre` it had), so e.g. ColorJitter's brightness costs no pass of its own.
 * ColorJitter lowers through {@link foldTables}; a generic fuser could call it on any stage list.
 */
import type { Stage } from '../core/types.js';
import type { LutStage } from './lut.js';

/** Stage kinds (and `blend` degenerates) that take a `pre` table. */
function takesPre(s: Stage): boolean {
  return s.kind === 'hue' || (s.kind === 'blend' && (s.with === 'grey' || s.with === 'greyMean'));
}

/** b∘a for 256-entry tables (a applied first). */
function compose256(a: ArrayLike<number>, b: ArrayLike<number>): Uint8Array {
  const t = new Uint8Array(256);
  for (let v = 0; v < 256; v++) t[v] = b[a[v]!]!;
  return t;
}

/** b∘a for lut tables of 256 or 256·k entries (channel-major); k = 3 when either is per-channel. */
function composeTables(a: ArrayLike<number>, b: ArrayLike<number>): Uint8Array {
  if (a.length === 256 && b.length === 256) return compose256(a, b);
  const k = Math.max(a.length, b.length) / 256;
  const t = new Uint8Array(256 * k);
  for (let c = 0; c < k; c++) {
    const ao = a.length === 256 ? 0 : c * 256;
    const bo = b.length === 256 ? 0 : c * 256;
    for (let v = 0; v < 256; v++) t[c * 256 + v] = b[bo + a[ao + v]!]!;
  }
  return t;
}

/** Folds tables as described in the module comment. Pure; stages it does not know pass through. */
export function foldTables(stages: readonly Stage[]): Stage[] {
  const out: Stage[] = [];
  for (const s of stages) {
    const prev = out[out.length - 1];
    if (prev?.kind === 'lut') {
      const t = (prev as LutStage).tables;
      if (s.kind === 'lut') {
        const u = (s as LutStage).tables;
        if ((t.length === 256 || u.length === 256 || t.length === u.length)) {
          out[out.length - 1] = { kind: 'lut', tables: composeTables(t, u) } as LutStage;
          continue;
        }
      } else if (t.length === 256 && takesPre(s)) {
        const own = s.pre as ArrayLike<number> | undefined;
        out[out.length - 1] = { ...s, pre: own ? compose256(t, own) : t };
        continue;
      }
    }
    out.push(s);
  }
  return out;
}
