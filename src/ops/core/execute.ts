/**
 * The executor: fuses a stage list into passes and runs them. Fusion (`fuse: 'all'`):
 * - Adjacent `color` stages with the same rounding are multiplied into one (one rounding instead of
 *   several: a documented difference from torchvision's op-by-op uint8 rounding, within a level).
 * - Adjacent projective `warp` stages with the same interpolation and fill are multiplied into one pull
 *   matrix (one resampling instead of two: sharper than torchvision's op-by-op result, documented).
 * - Adjacent tables (`lut`) merge, and a table before a `blend`/`hue` stage is read through that stage
 *   (`foldTables`: the same bytes, one pass fewer).
 * When running (not when planning targets, which follow the stages above), {@link fuseForRun} also
 * folds an hflip into the resize just before it (`resize` + `permute` flipX → `resize` with `flipX`: the
 * output columns computed in mirrored order, the same bytes, one pass and one buffer fewer), and runs
 * consecutive colour steps (`blend` grey/greyMean, `lut`) as one stage whose image stays in conv.wasm
 * between steps (`BlendStage.then`: the same bytes, one copy in and out instead of one per step), and
 * hands such a run to a resize just before it (`ResizeStage.then`: the resize's output stays there too).
 * The functional API runs ops unfused (`fuse: false`), as the reference library does.
 */
import type { Img, Stage, StageContext } from './types.js';
import { stageKernel } from '../stages/index.js';
import { mulColor, type ColorStage } from '../stages/color.js';
import { foldTables } from '../stages/pre-table.js';
import { outU8, releaseU8 } from '../stages/util.js';
import type { ResizeStage } from '../stages/resize.js';
import type { PermuteStage } from '../stages/permute.js';
import type { BlendStage } from '../stages/blend.js';

/** a·b of row-major 3×3 matrices. */
export function mul3(a: readonly number[], b: readonly number[]): number[] {
  const o: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) o.push(a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!);
  return o;
}

interface WarpLike extends Stage {
  kind: 'warp';
  matrix: readonly number[];
  width: number;
  height: number;
  interpolation: string;
  fill: readonly number[] | null;
}

function sameFill(a: readonly number[] | null, b: readonly number[] | null): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]));
}

/** Merges adjacent stages that compose into one. Pure. */
export function fuseStages(stages: readonly Stage[], mode: FuseMode = 'exact'): Stage[] {
  if (mode === 'exact') return foldTables(stages);
  const out: Stage[] = [];
  for (const s of stages) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'warp' && s.kind === 'warp') {
      const a = prev as WarpLike, b = s as WarpLike;
      if (a.interpolation === b.interpolation && sameFill(a.fill, b.fill) && a.matrix.length === 9 && b.matrix.length === 9) {
        // Output → b's source (= a's output) → a's source: M = A·B. torch's grid replay no longer applies.
        out[out.length - 1] = { kind: 'warp', matrix: mul3(a.matrix, b.matrix), width: b.width, height: b.height, interpolation: b.interpolation, fill: b.fill } as WarpLike;
        continue;
      }
    }
    if (prev && prev.kind === 'color' && s.kind === 'color' && (prev as ColorStage).rounding === (s as ColorStage).rounding) {
      out[out.length - 1] = { kind: 'color', m: mulColor((s as ColorStage).m, (prev as ColorStage).m), rounding: (s as ColorStage).rounding } as ColorStage;
      continue;
    }
    out.push(s);
  }
  return foldTables(out);
}

/** A bare left–right mirror (hflip's stage). */
function isHflip(s: Stage): boolean {
  const p = s as PermuteStage;
  return s.kind === 'permute' && p.flipX && !p.flipY && !p.transpose;
}

/**
 * Run-time fusion of fused stages (exact: the same bytes): a `resize` followed by an hflip becomes the
 * resize with `flipX`; a run of colour steps (a grey/greyMean `blend`, then such blends and `lut`s) becomes
 * its first blend with the rest in `then`; such a run right after a resize goes into the resize's `then`.
 * Kept out of {@link fuseStages}, which target planning shares (these stages have no mask stage). Pure.
 */
export function fuseForRun(stages: readonly Stage[]): readonly Stage[] {
  let out: Stage[] | null = null;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    const next = stages[i + 1];
    if (s.kind === 'resize' && !(s as ResizeStage).flipX && next && isHflip(next)) {
      out ??= stages.slice(0, i);
      out.push({ ...s, flipX: true } as ResizeStage);
      i++;
      continue;
    }
    if (isGreyBlend(s) && !(s as BlendStage).then && next && (isGreyBlend(next) || next.kind === 'lut')) {
      // A run of colour steps: one blend stage carrying the rest (`then`), the image kept in conv.wasm.
      let j = i + 1;
      while (j < stages.length && (isGreyBlend(stages[j]!) || stages[j]!.kind === 'lut') && !(stages[j] as BlendStage).then) j++;
      out ??= stages.slice(0, i);
      out.push({ ...(s as BlendStage), then: stages.slice(i + 1, j) });
      i = j - 1;
      continue;
    }
    out?.push(s);
  }
  const list = out ?? stages;
  // A resize followed by a colour run: the run rides on the resize (its output stays in conv.wasm).
  for (let i = 0; i + 1 < list.length; i++) {
    const s = list[i]!;
    const next = list[i + 1]!;
    if (s.kind === 'resize' && !(s as ResizeStage).then && isGreyBlend(next)) {
      const b = next as BlendStage;
      const fused = { ...(s as ResizeStage), then: [{ ...b, then: undefined }, ...(b.then ?? [])] };
      return [...list.slice(0, i), fused, ...fuseForRun(list.slice(i + 2))];
    }
  }
  return list;
}

/** A `blend` with the pixel's grey level or the image's mean grey (a conv.wasm colour step). */
function isGreyBlend(s: Stage): boolean {
  return s.kind === 'blend' && ((s as BlendStage).with === 'grey' || (s as BlendStage).with === 'greyMean');
}

/**
 * How much the executor fuses: 'exact' (default) only what keeps the bytes (tables folded into the next
 * table, blend or hue stage); 'all' also multiplies adjacent colour matrices and adjacent warps — one
 * rounding and one resampling instead of several: faster and sharper, but no longer torchvision's
 * op-by-op bytes.
 */
export type FuseMode = 'exact' | 'all';

/** Options of {@link runStages}. */
export interface RunOptions {
  /** false: run every stage as lowered (the functional API); else the fuse mode (default 'exact'). */
  fuse?: boolean | FuseMode;
}

/**
 * perf: an intermediate image (`prev`, made by an earlier stage, not the caller's `input`) whose bytes
 * the next stage did not pass on is dropped; its buffer goes back to the stages' output pool.
 */
function dropIntermediate(prev: Img, next: Img, input: Img): void {
  if (prev === input || prev === next || prev.data.buffer === input.data.buffer || prev.data.buffer === next.data.buffer) return;
  releaseU8(prev.data);
}

/**
 * Runs stages over an image. Never writes into `img`'s buffer. Returns a promise only when a stage is
 * asynchronous (codecs); otherwise synchronously.
 */
export function runStages(img: Img, stages: readonly Stage[], ctx: StageContext, o: RunOptions = {}): Img | Promise<Img> {
  const list = o.fuse === false ? stages : fuseForRun(fuseStages(stages, o.fuse === 'all' ? 'all' : 'exact'));
  let cur: Img = img;
  for (let i = 0; i < list.length; i++) {
    const r = stageKernel(list[i]!.kind).run(cur, list[i]!, ctx);
    if (r instanceof Promise) {
      const before = cur;
      return (async () => {
        let c = await r;
        dropIntermediate(before, c, img);
        for (let j = i + 1; j < list.length; j++) {
          const next = await stageKernel(list[j]!.kind).run(c, list[j]!, ctx);
          dropIntermediate(c, next, img);
          c = next;
        }
        return c === img ? copyOf(img) : c;
      })();
    }
    dropIntermediate(cur, r, img);
    cur = r;
  }
  return cur === img ? copyOf(img) : cur;
}

/** A copy of the input (no stage ran) in a pooled buffer, so recycled outputs serve identity items too. */
function copyOf(img: Img): Img {
  const data = outU8(img.data.length);
  data.set(img.data);
  return { ...img, data };
}
