/**
 * Loader for the separable convolution kernel (build/kernels/conv.wasm, AssemblyScript, WASM SIMD) on
 * a memory of its own, and the whole-image call the `conv` stage uses. Loaded lazily, the first time a
 * blur runs in a realm (so augmenters without blurs never fetch it); until then, or if it cannot be
 * loaded, the stage runs its TypeScript path, which gives the same bytes.
 */
import { EdgeAugmentError } from '../../errors.js';
import { loadModule } from '../../runtime/assets.js';
import type { Img } from '../core/types.js';
import { sparseTaps, type ConvBorder } from './conv.js';

const BORDER_CODE: Record<ConvBorder, number> = { reflect101: 0, reflect: 1, replicate: 2 };

/** The conv kernel bound to its memory. */
export interface ConvRunner {
  /** Separable float32 correlation (same bytes as `convSeparableTs`). */
  separable(src: Img, kx: Float32Array, ky: Float32Array, border: ConvBorder): Img;
  /** 2-D correlation over the non-zero taps (same bytes as `conv2dTs`). */
  sparse(src: Img, k2: readonly number[], kw: number, kh: number, border: ConvBorder): Img;
  /** perf: the `resize` stage's separable pass (same bytes as its TypeScript path); see {@link ResizePlan}. */
  resize(src: Img, plan: ResizePlan): Img;
  /**
   * perf: the `warp` stage's affine torch grid in nearest mode into `out` (same bytes as its TypeScript
   * path): `ax`/`ay` the float32 column products, `r` = [r1, r2, r4, r5, hw, hh], `fill` one byte per channel.
   */
  warpNearestAffine(src: Img, ow: number, oh: number, ax: Float32Array, ay: Float32Array, r: readonly number[], fill: Uint8Array, out: Uint8Array): Img;
  /**
   * perf: the `warp` stage's affine torch grid in bilinear mode into `out` (same bytes as sampleGrid):
   * arguments as warpNearestAffine; `fill` the float32 fill vector or null (no mask), `fillU8` the bytes
   * where no tap is inside.
   */
  warpBilinearAffine(src: Img, ow: number, oh: number, ax: Float32Array, ay: Float32Array, r: readonly number[], fill: Float32Array | null, fillU8: Uint8Array, out: Uint8Array): Img;
  /** perf: per-channel tables `t` (768 bytes; c = 1: the first 256) into `out`; alpha copied. */
  lut(src: Img, t: Uint8Array, out: Uint8Array): Img;
  /** perf: per-colour-channel histograms (256 × 1 or 3 counts). */
  chanHist(src: Img): Int32Array;
  /**
   * perf: adjust_saturation's blend of an RGB or RGBA image in arithmetic form (conv.wasm `blendGreyRgb`,
   * `blendGreyRgba`: the same bytes as blendGrey with the `scaled(ratio)`, `scaled(1 − ratio)` and
   * GREY_TABLE tables): `pre` the folded level table or null, `ka` = f32(ratio), `kb` = f32(1 − ratio),
   * `w` the three grey weights.
   */
  blendGreyArith(src: Img, pre: Uint8Array | null, ka: number, kb: number, w: readonly number[], out: Uint8Array): Img;
  /** perf: the exact sum of the greyscale levels of an RGB or RGBA image (through `pre` when given). */
  greySum(src: Img, pre: Uint8Array | null, w: readonly number[]): number;
  /**
   * perf: adjust_contrast on RGB or RGBA in one copy into the module: the grey level sum (as greySum),
   * then out = satTrunc(f32(ka·v) + kb(sum)) per colour value v (after `pre`), alpha copied.
   */
  contrast(src: Img, pre: Uint8Array | null, w: readonly number[], ka: number, kb: (sum: number) => number, out: Uint8Array): Img;
  /**
   * perf: consecutive colour steps on an RGB/RGBA image in one copy into the module and one out (the
   * image stays in the module between steps): each step as {@link blendGreyArith}, a contrast (the grey
   * sum as {@link greySum}, then `table(sum, pre)`: its level table, `pre` included) or a three-channel
   * level table (`lutApply`); per-level tables are folded into the next step where that is exact.
   */
  colourChain(src: Img, steps: readonly ColourStep[], out: Uint8Array): Img;
  /** perf: adjust_sharpness (see blend.ts) into `out`; width, height ≥ 3. */
  sharpen(src: Img, a: Float32Array, b: Float32Array, selfT: Uint8Array, blurT: Uint8Array, out: Uint8Array): Img;
  /**
   * perf: the `permute` stage into `out` (`ow`×`oh`): output pixel (x, y) = the source pixel at byte
   * offset `start` + y·`rowStep` + x·`colStep`.
   */
  permute(src: Img, ow: number, oh: number, start: number, colStep: number, rowStep: number, out: Uint8Array): Img;
  /** perf: the `grayscale` stage (c = 3 or 4) into `out` with `oc` channels; `w` the float32 weights [r, g, b]. */
  grayscale(src: Img, oc: 1 | 3 | 4, w: readonly number[], out: Uint8Array): Img;
  /**
   * perf: the `warp` stage's perspective torch grid in bilinear mode into `out` (same bytes as
   * torchCoords + sampleGrid): `cols` f32 [3·ow] (per column f32(bx·r0), f32(bx·r3), f32(bx·c6)), `prm` =
   * [r1, r2, r4, r5, c7, hw, hh]; fills as warpBilinearAffine.
   */
  warpBilinearPerspective(src: Img, ow: number, oh: number, cols: Float32Array, prm: readonly number[], fill: Float32Array | null, fillU8: Uint8Array, out: Uint8Array): Img;
  /**
   * perf: a `lut` table in arithmetic form (conv.wasm `lutArith`, the same bytes as the table; lut.ts
   * `arithForm` reads the form off it) into `out`, alpha copied.
   */
  lutArith(src: Img, f: ArithForm, out: Uint8Array): Img;
  /**
   * perf: a bilinear (no antialias) downscale of the box at (`left`, `top`), 2·`ow` × `fy`·`oh` pixels, to
   * `ow` × `oh` (half the width, 1/`fy` of the height) into `out` (conv.wasm `resizeDown2`: the same bytes
   * as the float32 taps, see resize.ts `resizeDown2`).
   */
  resizeDown2(src: Img, left: number, top: number, fy: number, ow: number, oh: number, out: Uint8Array): Img;
}

/** One step of {@link ConvRunner.colourChain}. */
export type ColourStep =
  | { op: 'grey'; pre: Uint8Array | null; ka: number; kb: number; w: readonly number[] }
  | { op: 'mean'; pre: Uint8Array | null; w: readonly number[]; ka: number; kb: (sum: number) => number; table: (sum: number, pre: Uint8Array | null) => Uint8Array }
  | { op: 'lut'; table: Uint8Array };

type TableFns = {
  warpBilinearAffine(src: number, w: number, h: number, c: number, dst: number, ow: number, oh: number, ax: number, ay: number,
    r1: number, r2: number, r4: number, r5: number, hw: number, hh: number, hasFill: number, fill: number, fillU8: number, scratch: number): number;
  lutApply(src: number, n: number, c: number, t: number, dst: number): number;
  chanHist(src: number, n: number, c: number, hist: number): number;
  blendGreyRgb(src: number, n: number, pre: number, pk: number, pb: number, qk: number, qb: number, ka: number, kb: number, wr: number, wg: number, wb: number, blk: number, dst: number,
    sum: number, sk: number, sb: number): number;
  blendGreyRgba(src: number, n: number, pre: number, pk: number, pb: number, qk: number, qb: number, ka: number, kb: number, wr: number, wg: number, wb: number, blk: number, dst: number,
    sum: number, sk: number, sb: number): number;
  greySum(src: number, n: number, c: number, pre: number, pk: number, pb: number, qk: number, qb: number, wr: number, wg: number, wb: number, blk: number, out: number): number;
  affineLevels(src: number, n: number, c: number, pre: number, pk: number, pb: number, qk: number, qb: number, ka: number, kb: number, blk: number, dst: number): number;
  sharpen(src: number, w: number, h: number, c: number, a: number, b: number, selfT: number, blurT: number, dst: number): number;
  permute(src: number, c: number, dst: number, ow: number, oh: number, start: number, colStep: number, rowStep: number): number;
  grayscale(src: number, n: number, c: number, oc: number, dst: number, wr: number, wg: number, wb: number): number;
  warpBilinearPerspective(src: number, w: number, h: number, c: number, dst: number, ow: number, oh: number, cols: number, prm: number,
    hasFill: number, fill: number, fillU8: number, scratch: number): number;
};

/** A kernel's pre arguments: table offset (or 0), then level steps (pk, pb), (qk, qb) in arithmetic form; pk < 0: none, qk < 0: one. */
type Pre = [number, number, number, number, number];

type WarpNearestFn = (src: number, w: number, h: number, c: number, dst: number, ow: number, oh: number, ax: number, ay: number,
  r1: number, r2: number, r4: number, r5: number, hw: number, hh: number, fill: number, scratch: number) => number;

/**
 * Precomputed taps of one separable resize (src/ops/stages/resize.ts): source rows `top`..`top + boxHeight − 1`
 * are used; `rows[r]` is the absolute source row of tmp row r; `xo`/`wx` the byte offsets (x·C, absolute
 * within a row) and weights of the `kx` horizontal taps of each output column; `ro`/`wy` the tmp rows
 * and weights of the `ky` vertical taps of each output row; `ring`: how many tmp rows the kernel keeps, a
 * power of two (every output row's tap rows within `ring` consecutive rows, the last never decreasing; ≥ nRows: all).
 * The arrays may be longer than that (reused scratch): the first nRows, kx·width and ky·height entries are read.
 */
export interface ResizePlan {
  top: number;
  boxHeight: number;
  rows: Int32Array;
  nRows: number;
  xo: Int32Array;
  wx: Float32Array;
  kx: number;
  ro: Int32Array;
  wy: Float32Array;
  ky: number;
  ring: number;
  width: number;
  height: number;
  out: Uint8Array;
  /** perf: colour steps run on the output before it leaves the module (as {@link ConvRunner.colourChain}). */
  steps?: readonly ColourStep[];
}

type ResizeFn = (src: number, c: number, rows: number, nRows: number, xo: number, wx: number, kx: number, ow: number,
  tmp: number, ro: number, wy: number, ky: number, oh: number, dst: number, ring: number) => number;

type SeparableFn = (src: number, w: number, h: number, c: number, dst: number, kx: number, nkx: number, ky: number, nky: number,
  border: number, pad: number, tmp: number, rows: number) => number;

type SparseFn = (src: number, w: number, h: number, c: number, dst: number, offs: number, wts: number, nt: number, rx: number, ry: number,
  border: number, padImg: number) => number;

const align = (n: number) => (n + 15) & ~15;
/** Scratch bytes of the colour kernels' `blk`: a 48-byte block read through a pre table, then their 64 bytes of byte-shuffle masks. */
const BLK = 128;

/** Tables whose brightness factor is known from how they were made (see {@link brightnessTable}). */
const KNOWN_FACTORS = new WeakMap<object, number>();

/**
 * A 256-entry table's arithmetic form as conv.wasm `lutArith` takes it (src/ops/stages/lut.ts
 * `arithForm` reads it off a table): form 0: (v & a) ^ b; 1: v ≥ a ? 255 − v : v;
 * 2: min(255, a·v + ⌊v·b / 2^16⌋); 3: truncU8(f32(k·v)); 4: form 2 less 1 at four levels, the bytes of
 * e. Arguments a form does not use are 0.
 */
export type ArithForm = readonly [form: number, a: number, b: number, k: number, e: number];

/**
 * adjust_brightness's level table truncU8(f32(k·v)) for a float32 k ≥ 0, remembered with its factor so
 * {@link brightnessFactor} need not recover k from the entries (once per image in ColorJitter).
 */
export function brightnessTable(k: number): Uint8Array {
  const t = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    const x = Math.fround(k * v);
    t[v] = x >= 255 ? 255 : Math.trunc(x);
  }
  KNOWN_FACTORS.set(t, k);
  return t;
}

const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);
/** The float32 next to a float32 x ≥ 0, up (`d` = 1) or down (`d` = −1; x > 0). */
function stepF32(x: number, d: 1 | -1): number {
  F32[0] = x;
  I32[0]! += d;
  return F32[0]!;
}

/**
 * perf: a float32 k ≥ 0 with t[v] = truncU8(f32(k·v)) for every level v (adjust_brightness's table, as
 * ColorJitter folds it into the next step's `pre` and the `lut` stage meets it), or −1 — any such k gives the
 * kernels the table's bytes. Tables made by {@link brightnessTable} answer at once. Otherwise: f32(k·v) is
 * monotone in k, so entry v holds from L_v, the least float32 k with f32(k·v) ≥ t[v], up to some bound; the
 * least k meeting every lower bound, max L_v, is the only candidate (a larger one only breaks more upper
 * bounds), and it is checked on all 256 entries. L_v lies within a few float32 steps of t[v]/v, so it is
 * searched for only at the levels whose quotient comes near the largest.
 */
export function brightnessFactor(t: ArrayLike<number>): number {
  const known = KNOWN_FACTORS.get(t);
  if (known !== undefined) return known;
  if (t[0] !== 0) return -1;
  let maxQ = 0;
  for (let v = 1; v < 256; v++) maxQ = Math.max(maxQ, t[v]! / v);
  // Float32 steps near q are ≤ q·2^−23; a search window of 2^−20 relative covers them.
  const tolL = maxQ * 2 ** -20;
  let k = 0;
  for (let v = 1; v < 256; v++) {
    const y = t[v]!;
    if (y === 0 || y / v < maxQ - tolL) continue;
    let x = Math.fround(y / v);
    while (x > 0 && Math.fround(stepF32(x, -1) * v) >= y) x = stepF32(x, -1);
    while (Math.fround(x * v) < y) x = stepF32(x, 1);
    if (x > k) k = x;
  }
  for (let v = 1; v < 256; v++) {
    const x = Math.fround(k * v);
    if (t[v] !== (x >= 255 ? 255 : Math.trunc(x))) return -1;
  }
  return k;
}

/**
 * Instantiates the kernel (plain-memory variant) with a fresh memory.
 *
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED`.
 * @example
 * ```ts
 * const conv = await createConvRunner(await WebAssembly.compile(readFileSync('build/kernels/conv.wasm')));
 * const out = conv.separable(img, k, k, 'reflect101');
 * ```
 */
export async function createConvRunner(module: WebAssembly.Module): Promise<ConvRunner> {
  const memory = new WebAssembly.Memory({ initial: 16 });
  let fn: SeparableFn;
  let sp: SparseFn;
  let rs: ResizeFn;
  let wn: WarpNearestFn;
  let tf: TableFns;
  try {
    const inst = await WebAssembly.instantiate(module, { env: { memory } });
    fn = inst.exports.separable as SeparableFn;
    sp = inst.exports.sparse as SparseFn;
    rs = inst.exports.resizeSep as ResizeFn;
    wn = inst.exports.warpNearestAffine as WarpNearestFn;
    tf = inst.exports as unknown as TableFns;
    const names = ['separable', 'sparse', 'resizeSep', 'warpNearestAffine', 'warpBilinearAffine', 'lutApply', 'chanHist', 'blendGreyRgb', 'blendGreyRgba', 'greySum', 'affineLevels', 'sharpen', 'permute', 'grayscale', 'warpBilinearPerspective', 'lutArith', 'resizeDown2'];
    const missing = names.filter((k) => typeof inst.exports[k] !== 'function');
    if (missing.length) throw new Error(`exports ${missing.join(', ')} expected`);
  } catch (e) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', `Could not instantiate the conv kernel (build/kernels/conv.wasm; WASM SIMD is required): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const ensure = (end: number) => {
    const have = memory.buffer.byteLength;
    if (end > have) {
      try {
        memory.grow(Math.ceil((end - have) / 65536));
      } catch (e) {
        throw new EdgeAugmentError('IMAGE_TOO_LARGE', `Cannot grow the conv kernel memory to ${end} bytes.`, { cause: e });
      }
    }
  };
  // perf: whole-memory views, remade only when the memory grew (a new ArrayBuffer): copies in and out
  // without a view object per array per call.
  let viewsOf: ArrayBuffer | null = null;
  let U8 = new Uint8Array(0);
  let I32 = new Int32Array(0);
  let F32 = new Float32Array(0);
  let F64 = new Float64Array(0);
  const views = (): void => {
    if (viewsOf === memory.buffer) return;
    viewsOf = memory.buffer;
    U8 = new Uint8Array(viewsOf);
    I32 = new Int32Array(viewsOf);
    F32 = new Float32Array(viewsOf);
    F64 = new Float64Array(viewsOf);
  };
  const check = (rc: number): void => {
    if (rc !== 0) throw new EdgeAugmentError('INTERNAL', `A conv.wasm table kernel refused its arguments (code ${rc}).`);
  };
  /** End of the memory {@link chainAt} uses from `base` for an image of `n` bytes. */
  const chainEnd = (base: number, n: number): number => align(base + 256 + BLK + 16 + 768) + n + 16;
  /**
   * Runs colour steps on the image of `n` bytes (`np` pixels, `C` channels) at `at0` in the module, with
   * scratch (pre, block, sum, table) and the second image buffer from `base` (see chainEnd); returns the
   * offset of the result (`at0` or the second buffer).
   */
  const chainAt = (at0: number, base: number, n: number, np: number, C: number, steps: readonly ColourStep[]): number => {
    const preP = base;
    const blkP = preP + 256;
    const sumP = blkP + BLK;
    const tP = sumP + 16;
    const bP = align(tP + 768);
    ensure(bP + n + 16);
    views();
    let from = at0;
    let to = bP;
    // A per-level table not yet applied to the image at `from` (a contrast's, luts): it is read through
    // by the next blend step (as its `pre`, composed), merged with the next lut, or applied at the end —
    // the same bytes as applying it, one pass fewer. `pendL`: the same map as level steps (a, b) in
    // arithmetic form (v → satTrunc(f32(a·v) + b): brightness (k, 0), contrast (ratio, bm)), or null when
    // it has none; up to two steps ride on a kernel's pre without a table read.
    // `pend` is built only when a kernel has to read it as a table (most chains stay arithmetic).
    let pend = null as (() => Uint8Array) | null;
    let pendL: number[] | null = [];
    /** A grey-level sum the previous blend step computed for the contrast step at index `carriedAt`. */
    let carried = -1;
    let carriedAt = -1;
    const pass = (rc: number): void => {
      check(rc);
      const t = from;
      from = to;
      to = t;
    };
    const lutPass = (t3: Uint8Array): void => {
      U8.set(t3, tP);
      pass(tf.lutApply(from, np, C, tP, to));
    };
    /** Level steps of a 256-entry table: [k, 0] for a brightness table, else null. */
    const levelsOf = (t: Uint8Array | null): number[] | null => {
      if (!t) return [];
      const k = brightnessFactor(t);
      return k >= 0 ? [k, 0] : null;
    };
    const memo = (f: () => Uint8Array): (() => Uint8Array) => {
      let t: Uint8Array | null = null;
      return () => (t ??= f());
    };
    for (let i = 0; i < steps.length; i++) {
      const st = steps[i]!;
      if (st.op === 'lut') {
        const t = st.table;
        let one = true;
        for (let v = 0; v < 256 && one; v++) one = t[v] === t[256 + v] && t[v] === t[512 + v];
        const p: (() => Uint8Array) | null = pend;
        if (one) {
          const l = levelsOf(t.subarray(0, 256));
          pendL = pendL && l ? [...pendL, ...l] : null;
          pend = p ? memo(() => p().map((x) => t[x]!)) : () => t.subarray(0, 256);
        } else {
          const pt = p?.();
          lutPass(pt ? t.map((_, k) => t[(k & ~255) + pt[k & 255]!]!) : t);
          pend = null;
          pendL = [];
        }
        continue;
      }
      const own = st.pre;
      const p: (() => Uint8Array) | null = pend;
      // This step's level table (the pending one, then its own), built only if a kernel reads it.
      const preOfStep = p ? memo(() => (own ? p().map((x) => own[x]!) : p())) : () => own;
      const ownL = levelsOf(own);
      const preL = p ? (pendL && ownL ? [...pendL, ...ownL] : null) : ownL;
      pend = null;
      pendL = [];
      const pa: Pre = preL && preL.length <= 4 ? preOf(preL) : preIn(preOfStep(), preP);
      if (st.op === 'grey') {
        // A contrast right after: its grey sum comes out of this pass (through the contrast's own level
        // step, a folded brightness, when it has one) — the same sum greySum of the output gives.
        const next = steps[i + 1];
        const nextL = next?.op === 'mean' && next.w.every((x, k) => x === st.w[k]) ? levelsOf(next.pre) : null;
        const fuseSum = nextL !== null && nextL.length <= 2;
        pass((C === 3 ? tf.blendGreyRgb : tf.blendGreyRgba)(from, np, ...pa, st.ka, st.kb, st.w[0]!, st.w[1]!, st.w[2]!, blkP, to,
          fuseSum ? sumP : 0, fuseSum && nextL.length ? nextL[0]! : -1, fuseSum && nextL.length ? nextL[1]! : 0));
        if (fuseSum) {
          carried = F64[sumP >> 3]!;
          carriedAt = i + 1;
        }
      } else {
        let sum: number;
        if (carriedAt === i) sum = carried;
        else {
          check(tf.greySum(from, np, C, ...pa, st.w[0]!, st.w[1]!, st.w[2]!, blkP, sumP));
          sum = F64[sumP >> 3]!;
        }
        const kb = st.kb(sum);
        const next = steps[i + 1];
        // The contrast as a level step after the pre's, when the pre is arithmetic.
        const l: number[] | null = pa[0] === 0 && st.ka >= 0 ? [...(pa[1] >= 0 ? [pa[1], pa[2]] : []), ...(pa[3] >= 0 ? [pa[3], pa[4]] : []), st.ka, kb] : null;
        const nextL = next && next.op !== 'lut' ? levelsOf(next.pre) : null;
        // Without a table to read the contrast is cheapest as f32x4 arithmetic (affineLevels); a table read
        // per byte costs about twice that, so it is folded only where one is read anyway (a lut next) or
        // where it stays arithmetic (at most two level steps on the next blend step's pre).
        const table = memo(() => st.table(sum, preOfStep()));
        if (l && nextL && l.length + nextL.length <= 4) {
          pend = table;
          pendL = l;
        } else if (pa[0] === 0 && next?.op !== 'lut') {
          pass(tf.affineLevels(from, np, C, ...pa, st.ka, kb, blkP, to));
        } else {
          pend = table;
          pendL = l;
        }
      }
    }
    if (pend) {
      if (pendL && pendL.length >= 2 && pendL.length <= 6) {
        // The last level step as affineLevels' own, the others as its pre.
        const m = pendL.length - 2;
        pass(tf.affineLevels(from, np, C, ...preOf(pendL.slice(0, m)), pendL[m]!, pendL[m + 1]!, blkP, to));
      } else {
        const pt = pend();
        const t3 = new Uint8Array(768);
        t3.set(pt);
        t3.set(pt, 256);
        t3.set(pt, 512);
        lutPass(t3);
      }
    }
    return from;
  };
  /**
   * Copies an RGB/RGBA image in (at 0; `pre` after it, then BLK bytes of scratch, then 16 for the result)
   * and returns greySum's sum.
   */
  const sumIn = (src: Img, pre: Uint8Array | null, w: readonly number[]): number => {
    const n = src.data.length;
    const preP = align(n + 16);
    const blkP = preP + 256;
    const outP = blkP + BLK;
    ensure(outP + 16);
    new Uint8Array(memory.buffer, 0, n).set(src.data.subarray(0, n));
    const pa = preIn(pre, preP);
    check(tf.greySum(0, src.width * src.height, src.channels, ...pa, w[0]!, w[1]!, w[2]!, blkP, outP));
    return new Float64Array(memory.buffer, outP, 1)[0]!;
  };
  /**
   * How a kernel reads a pre table: `[0, k, 0, −1, 0]` when it is a brightness table (arithmetic, see
   * brightnessFactor), else `[preP, −1, 0, −1, 0]` with the table copied to `preP`; no table: `[0, −1, 0, −1, 0]`.
   */
  const preIn = (pre: Uint8Array | null, preP: number): Pre => {
    if (!pre) return [0, -1, 0, -1, 0];
    const k = brightnessFactor(pre);
    if (k >= 0) return [0, k, 0, -1, 0];
    new Uint8Array(memory.buffer, preP, 256).set(pre);
    return [preP, -1, 0, -1, 0];
  };
  /** A kernel's pre arguments for at most two level steps (a, b, a, b) in arithmetic form. */
  const preOf = (ls: readonly number[]): Pre =>
    [0, ls.length > 0 ? ls[0]! : -1, ls.length > 0 ? ls[1]! : 0, ls.length > 2 ? ls[2]! : -1, ls.length > 2 ? ls[3]! : 0];
  return {
    separable(src, kx, ky, border) {
      const { width: W, height: H, channels: C } = src;
      const n = W * H * C;
      const srcP = 0;
      const dstP = align(srcP + n + 16);
      const kxP = align(dstP + n + 16);
      const kyP = align(kxP + kx.length * 4);
      const padP = align(kyP + ky.length * 4);
      const tmpP = align(padP + ((W + kx.length - 1) * C + 16) * 4);
      const rowsP = align(tmpP + (n + 16) * 4);
      ensure(rowsP + ky.length * 4);
      const buf = memory.buffer;
      new Uint8Array(buf, srcP, n).set(src.data.subarray(0, n));
      new Float32Array(buf, kxP, kx.length).set(kx);
      new Float32Array(buf, kyP, ky.length).set(ky);
      const rc = fn(srcP, W, H, C, dstP, kxP, kx.length, kyP, ky.length, BORDER_CODE[border], padP, tmpP, rowsP);
      if (rc !== 0) throw new EdgeAugmentError('INTERNAL', `The conv kernel refused its arguments (code ${rc}).`);
      return { data: new Uint8Array(buf, dstP, n).slice(), width: W, height: H, channels: C };
    },
    resize(src, p) {
      const { width: W, channels: C } = src;
      const rowBytes = W * C;
      const nIn = p.boxHeight * rowBytes;
      const OC = p.width * C;
      const nOut = OC * p.height;
      const nx = p.kx * p.width;
      const ny = p.ky * p.height;
      const srcP = 0;
      const rowsP = align(srcP + nIn + 16);
      const xoP = align(rowsP + p.nRows * 4);
      const wxP = align(xoP + nx * 4);
      const tmpP = align(wxP + nx * 4);
      const roP = align(tmpP + p.ring * (OC + 16) * 4);
      const wyP = align(roP + ny * 4);
      const dstP = align(wyP + ny * 4);
      const chainP = align(dstP + nOut + 16);
      ensure(p.steps ? chainEnd(chainP, nOut) : dstP + nOut + 16);
      views();
      U8.set(src.data.subarray(p.top * rowBytes, p.top * rowBytes + nIn), srcP);
      const r0 = rowsP >> 2;
      for (let r = 0; r < p.nRows; r++) I32[r0 + r] = (p.rows[r]! - p.top) * rowBytes;
      // The tap arrays may be longer than used (scratch): the first nx / ny entries.
      I32.set(p.xo.length === nx ? p.xo : p.xo.subarray(0, nx), xoP >> 2);
      F32.set(p.wx.length === nx ? p.wx : p.wx.subarray(0, nx), wxP >> 2);
      I32.set(p.ro.length === ny ? p.ro : p.ro.subarray(0, ny), roP >> 2);
      F32.set(p.wy.length === ny ? p.wy : p.wy.subarray(0, ny), wyP >> 2);
      const rc = rs(srcP, C, rowsP, p.nRows, xoP, wxP, p.kx, p.width, tmpP, roP, wyP, p.ky, p.height, dstP, p.ring);
      if (rc !== 0) throw new EdgeAugmentError('INTERNAL', `The resize kernel refused its arguments (code ${rc}).`);
      const at = p.steps ? chainAt(dstP, chainP, nOut, p.width * p.height, C, p.steps) : dstP;
      views();
      p.out.set(U8.subarray(at, at + nOut));
      return { data: p.out, width: p.width, height: p.height, channels: C };
    },
    warpNearestAffine(src, ow, oh, ax, ay, r, fill, out) {
      const { width: W, height: H, channels: C } = src;
      const n = W * H * C;
      const nOut = ow * oh * C;
      const srcP = 0;
      const dstP = align(srcP + n + 16);
      const axP = align(dstP + nOut + 16);
      const ayP = align(axP + ow * 4);
      const fillP = align(ayP + ow * 4);
      const scratchP = fillP + 16;
      ensure(scratchP + ow * 16);
      const buf = memory.buffer;
      new Uint8Array(buf, srcP, n).set(src.data.subarray(0, n));
      new Float32Array(buf, axP, ow).set(ax.subarray(0, ow));
      new Float32Array(buf, ayP, ow).set(ay.subarray(0, ow));
      const f = new Uint8Array(buf, fillP, 4);
      for (let c = 0; c < 4; c++) f[c] = fill[Math.min(c, fill.length - 1)]!;
      const rc = wn(srcP, W, H, C, dstP, ow, oh, axP, ayP, r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, fillP, scratchP);
      if (rc !== 0) throw new EdgeAugmentError('INTERNAL', `The warp kernel refused its arguments (code ${rc}).`);
      out.set(new Uint8Array(buf, dstP, nOut));
      return { data: out, width: ow, height: oh, channels: C };
    },
    warpBilinearAffine(src, ow, oh, ax, ay, r, fill, fillU8, out) {
      const { width: W, height: H, channels: C } = src;
      const n = W * H * C;
      const nOut = ow * oh * C;
      const dstP = align(n + 16);
      const axP = align(dstP + nOut + 16);
      const ayP = align(axP + ow * 4);
      const fillP = align(ayP + ow * 4);
      const fillU8P = fillP + 16;
      const scratchP = fillU8P + 16;
      // f64 [2·ow] column sums, then the kernel's per-row state (xs, ys, fractions, offsets, classes).
      ensure(scratchP + ow * 40);
      const buf = memory.buffer;
      new Uint8Array(buf, 0, n).set(src.data.subarray(0, n));
      new Float32Array(buf, axP, ow).set(ax.subarray(0, ow));
      new Float32Array(buf, ayP, ow).set(ay.subarray(0, ow));
      const f = new Float32Array(buf, fillP, 4);
      const fu = new Uint8Array(buf, fillU8P, 4);
      for (let c = 0; c < C; c++) {
        f[c] = fill ? fill[c]! : 0;
        fu[c] = fillU8[c]!;
      }
      check(tf.warpBilinearAffine(0, W, H, C, dstP, ow, oh, axP, ayP, r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, fill ? 1 : 0, fillP, fillU8P, scratchP));
      out.set(new Uint8Array(buf, dstP, nOut));
      return { data: out, width: ow, height: oh, channels: C };
    },
    lut(src, t, out) {
      const n = src.data.length;
      const tP = align(n + 16);
      const dstP = align(tP + 768);
      ensure(dstP + n + 16);
      const buf = memory.buffer;
      new Uint8Array(buf, 0, n).set(src.data.subarray(0, n));
      new Uint8Array(buf, tP, t.length).set(t);
      check(tf.lutApply(0, src.width * src.height, src.channels, tP, dstP));
      out.set(new Uint8Array(buf, dstP, n));
      return { data: out, width: src.width, height: src.height, channels: src.channels };
    },
    chanHist(src) {
      const n = src.data.length;
      const k = src.channels === 1 ? 1 : 3;
      const hP = align(n + 16);
      ensure(hP + 1024 * k);
      const buf = memory.buffer;
      new Uint8Array(buf, 0, n).set(src.data.subarray(0, n));
      new Int32Array(buf, hP, 256 * k).fill(0);
      check(tf.chanHist(0, src.width * src.height, src.channels, hP));
      return new Int32Array(buf, hP, 256 * k).slice();
    },
    blendGreyArith(src, pre, ka, kb, w, out) {
      const n = src.data.length;
      const preP = align(n + 16);
      const blkP = preP + 256;
      const dstP = blkP + BLK;
      ensure(dstP + n + 16);
      const buf = memory.buffer;
      new Uint8Array(buf, 0, n).set(src.data.subarray(0, n));
      const pa = preIn(pre, preP);
      const f = src.channels === 3 ? tf.blendGreyRgb : tf.blendGreyRgba;
      check(f(0, src.width * src.height, ...pa, ka, kb, w[0]!, w[1]!, w[2]!, blkP, dstP, 0, -1, 0));
      out.set(new Uint8Array(buf, dstP, n));
      return { data: out, width: src.width, height: src.height, channels: src.channels };
    },
    greySum(src, pre, w) {
      return sumIn(src, pre, w);
    },
    contrast(src, pre, w, ka, kb, out) {
      const n = src.data.length;
      const b = kb(sumIn(src, pre, w));
      const preP = align(n + 16);
      const dstP = preP + 256 + BLK + 16;
      ensure(dstP + n + 16);
      // sumIn left the pre table (or its factor) as preIn gives it.
      const pa = preIn(pre, preP);
      check(tf.affineLevels(0, src.width * src.height, src.channels, ...pa, ka, b, preP + 256, dstP));
      out.set(new Uint8Array(memory.buffer, dstP, n));
      return { data: out, width: src.width, height: src.height, channels: src.channels };
    },
    colourChain(src, steps, out) {
      const n = src.data.length;
      const base = align(n + 16);
      ensure(chainEnd(base, n));
      new Uint8Array(memory.buffer, 0, n).set(src.data.subarray(0, n));
      const at = chainAt(0, base, n, src.width * src.height, src.channels, steps);
      out.set(new Uint8Array(memory.buffer, at, n));
      return { data: out, width: src.width, height: src.height, channels: src.channels };
    },
    sharpen(src, a, b, selfT, blurT, out) {
      const n = src.data.length;
      const aP = align(n + 16);
      const bP = aP + 1024;
      const sP = bP + 1024;
      const blP = sP + 256;
      const dstP = align(blP + blurT.length);
      ensure(dstP + n + 16);
      const buf = memory.buffer;
      new Uint8Array(buf, 0, n).set(src.data.subarray(0, n));
      new Float32Array(buf, aP, 256).set(a);
      new Float32Array(buf, bP, 256).set(b);
      new Uint8Array(buf, sP, 256).set(selfT);
      new Uint8Array(buf, blP, blurT.length).set(blurT);
      check(tf.sharpen(0, src.width, src.height, src.channels, aP, bP, sP, blP, dstP));
      out.set(new Uint8Array(buf, dstP, n));
      return { data: out, width: src.width, height: src.height, channels: src.channels };
    },
    sparse(src, k2, kw, kh, border) {
      const { width: W, height: H, channels: C } = src;
      const n = W * H * C;
      const rx = (kw - 1) >> 1;
      const ry = (kh - 1) >> 1;
      const PW = W + 2 * rx;
      const { offs, ws } = sparseTaps(k2, kw, kh, PW, C);
      const srcP = 0;
      const dstP = align(srcP + n + 16);
      const offP = align(dstP + n + 16);
      const wP = align(offP + offs.length * 4);
      const padP = align(wP + ws.length * 4);
      ensure(padP + (PW * (H + 2 * ry) * C + 16) * 4);
      const buf = memory.buffer;
      new Uint8Array(buf, srcP, n).set(src.data.subarray(0, n));
      new Int32Array(buf, offP, offs.length).set(offs);
      new Float32Array(buf, wP, ws.length).set(ws);
      const rc = sp(srcP, W, H, C, dstP, offP, wP, offs.length, rx, ry, BORDER_CODE[border], padP);
      if (rc !== 0) throw new EdgeAugmentError('INTERNAL', `The conv kernel refused its arguments (code ${rc}).`);
      return { data: new Uint8Array(buf, dstP, n).slice(), width: W, height: H, channels: C };
    },
    permute(src, ow, oh, start, colStep, rowStep, out) {
      const n = src.data.length;
      const nOut = ow * oh * src.channels;
      const dstP = align(n + 16);
      ensure(dstP + nOut + 16);
      const buf = memory.buffer;
      new Uint8Array(buf, 0, n).set(src.data);
      check(tf.permute(0, src.channels, dstP, ow, oh, start, colStep, rowStep));
      out.set(new Uint8Array(buf, dstP, nOut));
      return { data: out, width: ow, height: oh, channels: src.channels };
    },
    grayscale(src, oc, w, out) {
      const n = src.data.length;
      const px = src.width * src.height;
      const dstP = align(n + 16);
      ensure(dstP + px * oc + 16);
      const buf = memory.buffer;
      new Uint8Array(buf, 0, n).set(src.data);
      check(tf.grayscale(0, px, src.channels, oc, dstP, w[0]!, w[1]!, w[2]!));
      out.set(new Uint8Array(buf, dstP, px * oc));
      return { data: out, width: src.width, height: src.height, channels: oc };
    },
    warpBilinearPerspective(src, ow, oh, cols, prm, fill, fillU8, out) {
      const { width: W, height: H, channels: C } = src;
      const n = W * H * C;
      const nOut = ow * oh * C;
      const dstP = align(n + 16);
      const colsP = align(dstP + nOut + 16);
      const prmP = align(colsP + ow * 12);
      const fillP = prmP + 32;
      const fillU8P = fillP + 16;
      const scratchP = fillU8P + 16;
      // f64 [3·ow] columns, then the kernel's row records (48 bytes per 4 pixels) and row bounds.
      ensure(scratchP + ow * 36 + 16);
      const buf = memory.buffer;
      new Uint8Array(buf, 0, n).set(src.data.subarray(0, n));
      new Float32Array(buf, colsP, ow * 3).set(cols.subarray(0, ow * 3));
      new Float32Array(buf, prmP, 7).set(prm);
      const f = new Float32Array(buf, fillP, 4);
      const fu = new Uint8Array(buf, fillU8P, 4);
      for (let c = 0; c < C; c++) {
        f[c] = fill ? fill[c]! : 0;
        fu[c] = fillU8[c]!;
      }
      check(tf.warpBilinearPerspective(0, W, H, C, dstP, ow, oh, colsP, prmP, fill ? 1 : 0, fillP, fillU8P, scratchP));
      out.set(new Uint8Array(buf, dstP, nOut));
      return { data: out, width: ow, height: oh, channels: C };
    },
    lutArith(src, f, out) {
      const n = src.data.length;
      const dstP = align(n + 16);
      ensure(dstP + n + 16);
      new Uint8Array(memory.buffer, 0, n).set(src.data.subarray(0, n));
      check((tf as unknown as SingleOpFns).lutArith(0, src.width * src.height, src.channels, ...f, dstP));
      out.set(new Uint8Array(memory.buffer, dstP, n));
      return { data: out, width: src.width, height: src.height, channels: src.channels };
    },
    resizeDown2(src, left, top, fy, ow, oh, out) {
      const { width: W, channels: C } = src;
      const rowBytes = W * C;
      // The box's rows (whole source rows), then the output.
      const nIn = fy * oh * rowBytes;
      const nOut = ow * oh * C;
      const dstP = align(nIn + 16);
      ensure(dstP + nOut + 16);
      new Uint8Array(memory.buffer, 0, nIn).set(src.data.subarray(top * rowBytes, top * rowBytes + nIn));
      check((tf as unknown as SingleOpFns).resizeDown2(left * C, rowBytes, C, fy, ow, oh, dstP));
      out.set(new Uint8Array(memory.buffer, dstP, nOut));
      return { data: out, width: ow, height: oh, channels: C };
    },
  };
}

let runner: ConvRunner | null = null;
let loading: Promise<ConvRunner | null> | null = null;
let failed = false;

/**
 * perf: the realm's conv runner if it is loaded, else null (and the first call starts loading it):
 * for stages that stay synchronous and run their TypeScript path until the module is there.
 */
export function readyConv(): ConvRunner | null {
  if (tsOnly) return null;
  const r = convRunner();
  return r instanceof Promise ? null : r;
}

let tsOnly = false;
/**
 * Tests: `true` makes the table, warp and resize stages run their TypeScript paths (as before conv.wasm
 * loads, or where WASM is unavailable), so both paths can be compared in one process.
 * @internal
 */
export function useTsStagesOnly(on: boolean): void {
  tsOnly = on;
}

/**
 * The realm's conv runner: the runner once loaded; a promise while it loads (the first call starts
 * it); null when loading failed (callers use the TypeScript path — same bytes).
 */
export function convRunner(): ConvRunner | Promise<ConvRunner | null> | null {
  if (runner) return runner;
  if (failed) return null;
  loading ??= loadModule('conv.wasm').then(createConvRunner).then(
    (r) => (runner = r),
    () => { failed = true; return null; },
  );
  return loading;
}

/** conv.wasm's single-op kernels (see {@link ConvRunner.lutArith}, {@link ConvRunner.resizeDown2}). */
type SingleOpFns = {
  lutArith(src: number, n: number, c: number, form: number, a: number, b: number, k: number, e: number, dst: number): number;
  resizeDown2(src: number, rowBytes: number, c: number, fy: number, ow: number, oh: number, dst: number): number;
};
