/**
 * Pure TypeScript reference for the warp kernel: exact float64, no WASM, no tfjs.
 *
 * This is the oracle the WASM SIMD kernel is tested against, and it follows
 * `scipy.ndimage.affine_transform` (scipy 1.10, order 0 and 1) to the operation: same coordinate
 * arithmetic, same `map_coordinate` for the fill modes, same mirrored taps at the border, same
 * weight formula and the same summation order. Semantics in short (per axis, length `n`):
 * - `constant`: a sample outside `[0, n-1]` is `cval` (no blending with cval at the border);
 * - `nearest`:  outside samples take the edge pixel;
 * - `reflect`:  half-sample symmetric (`d c b a | a b c d | d c b a`);
 * - `wrap`:     scipy's legacy wrap with period `n - 1` (not `grid-wrap`).
 * Non-finite sample coordinates give `cval` (NaN in every mode, as scipy; ±∞ and |c| ≥ 2³¹ in
 * `reflect`/`wrap`, where scipy's integer casts are undefined); `nearest` clamps ±∞ to the edge.
 *
 * The module also holds the argument validation shared by every entry point of the kernel.
 */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import { FILL_MODE_CODE, FILL_MODES, INTERPOLATIONS, type FloatOutputParams, type WarpParams } from './contract.js';

/** Largest |coordinate| `reflect` / `wrap` map; beyond it the sample is `cval`. */
export const MAX_WRAP_COORD = 2147483648;

/** Maps a sample coordinate like scipy's `map_coordinate`; a result ≤ −1 means "use cval". */
export function mapCoordinate(inp: number, len: number, mode: number): number {
  if (inp !== inp) return -1;
  if (inp < 0) {
    switch (mode) {
      case 1: return 0;
      case 2: {
        if (len <= 1) return 0;
        if (!(inp > -MAX_WRAP_COORD)) return -1;
        const sz2 = 2 * len;
        if (inp < -sz2) inp = sz2 * Math.trunc(-inp / sz2) + inp;
        // scipy: "-1e-15 check to avoid possibility that: (-in - 1) == -1"
        return inp < -len ? inp + sz2 : (inp > -1e-15 ? 1e-15 : -inp) - 1;
      }
      case 3: {
        if (len <= 1) return 0;
        if (!(inp > -MAX_WRAP_COORD)) return -1;
        const sz = len - 1;
        return inp + sz * (Math.trunc(-inp / sz) + 1);
      }
      default: return -1;
    }
  } else if (inp > len - 1) {
    switch (mode) {
      case 1: return len - 1;
      case 2: {
        if (len <= 1) return 0;
        if (!(inp < MAX_WRAP_COORD)) return -1;
        const sz2 = 2 * len;
        inp -= sz2 * Math.trunc(inp / sz2);
        return inp >= len ? sz2 - inp - 1 : inp;
      }
      case 3: {
        if (len <= 1) return 0;
        if (!(inp < MAX_WRAP_COORD)) return -1;
        const sz = len - 1;
        return inp - sz * Math.trunc(inp / sz);
      }
      default: return -1;
    }
  }
  return inp;
}

/**
 * Index of a filter tap that falls outside `[0, len-1]`, as scipy extends the taps: half-sample
 * reflection for `nearest`/`reflect` (`d c b a | a b c d`), whole-sample mirror for `constant`/`wrap`
 * (`c b | a b c d | c b`). Clamped into range for safety.
 */
export function tapIndex(idx: number, len: number, mode: number): number {
  if (idx >= 0 && idx < len) return idx;
  if (len <= 1) return 0;
  if (mode === 1 || mode === 2) {
    const s2 = 2 * len;
    idx -= s2 * Math.floor(idx / s2);
    if (idx >= len) idx = s2 - idx - 1;
    return idx < 0 ? 0 : idx > len - 1 ? len - 1 : idx;
  }
  const s2 = 2 * len - 2;
  if (idx < 0) {
    idx = s2 * Math.trunc(-idx / s2) + idx;
    idx = idx <= 1 - len ? idx + s2 : -idx;
  } else if (idx >= len) {
    idx -= s2 * Math.trunc(idx / s2);
    if (idx >= len) idx = s2 - idx;
  }
  return idx < 0 ? 0 : idx > len - 1 ? len - 1 : idx;
}

function fail(code: 'INVALID_IMAGE' | 'INVALID_PARAMS', msg: string): never {
  throw new EdgeAugmentError(code, msg);
}

function checkVec(name: string, v: ArrayLike<number> | undefined, n: number, allowInf: boolean): void {
  if (v == null || typeof v.length !== 'number' || v.length < n) {
    fail('INVALID_PARAMS', `WarpParams.${name} needs at least ${n} entries (one per channel), got ${v == null ? v : v.length}.`);
  }
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== 'number' || x !== x || (!allowInf && !Number.isFinite(x))) {
      fail('INVALID_PARAMS', `WarpParams.${name}[${i}] must be a ${allowInf ? 'number (±Infinity allowed)' : 'finite number'}, got ${String(x)}.`);
    }
  }
}

/**
 * Validates an image and warp parameters; returns the output size.
 *
 * @throws {EdgeAugmentError} `INVALID_IMAGE` (bad size, channels or data length),
 *   `INVALID_PARAMS` (bad matrix, fill mode, interpolation or per-channel vectors).
 */
export function validateWarpArgs(image: RawImage, params: WarpParams, outW?: number, outH?: number): { outW: number; outH: number } {
  if (image == null || typeof image !== 'object') fail('INVALID_IMAGE', 'Expected a RawImage {data, width, height, channels}.');
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 32767 || height > 32767) {
    fail('INVALID_IMAGE', `Image width/height must be integers in 1..32767, got ${width}×${height}.`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) fail('INVALID_IMAGE', `Image channels must be 1, 3 or 4, got ${String(channels)}.`);
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) fail('INVALID_IMAGE', 'Image data must be a Uint8Array or Uint8ClampedArray.');
  if (data.length !== width * height * channels) {
    fail('INVALID_IMAGE', `Image data length ${data.length} does not match ${width}×${height}×${channels} = ${width * height * channels}.`);
  }
  const ow = outW ?? width;
  const oh = outH ?? height;
  if (!Number.isInteger(ow) || !Number.isInteger(oh) || ow < 1 || oh < 1 || ow > 32767 || oh > 32767) {
    fail('INVALID_PARAMS', `Output width/height must be integers in 1..32767, got ${ow}×${oh}.`);
  }
  if (params == null || typeof params !== 'object') fail('INVALID_PARAMS', 'Expected WarpParams.');
  const m = params.matrix;
  if (m == null || m.length < 6) fail('INVALID_PARAMS', 'WarpParams.matrix must have 6 entries [m00, m01, m02, m10, m11, m12].');
  for (let i = 0; i < 6; i++) {
    if (typeof m[i] !== 'number' || !Number.isFinite(m[i])) {
      fail('INVALID_PARAMS', `WarpParams.matrix[${i}] must be a finite number, got ${String(m[i])}.`);
    }
  }
  if (!(FILL_MODES as readonly string[]).includes(params.fillMode)) {
    fail('INVALID_PARAMS', `WarpParams.fillMode must be one of ${FILL_MODES.join(' | ')}, got ${String(params.fillMode)}.`);
  }
  if (!(INTERPOLATIONS as readonly string[]).includes(params.interpolation)) {
    fail('INVALID_PARAMS', `WarpParams.interpolation must be one of ${INTERPOLATIONS.join(' | ')}, got ${String(params.interpolation)}.`);
  }
  checkVec('cval', params.cval, channels, false);
  checkVec('colorScale', params.colorScale, channels, false);
  checkVec('colorOffset', params.colorOffset, channels, false);
  checkVec('clipLo', params.clipLo, channels, true);
  checkVec('clipHi', params.clipHi, channels, true);
  return { outW: ow, outH: oh };
}

/**
 * Validates float-output parameters for `outChannels` output channels (1..channels).
 *
 * @throws {EdgeAugmentError} `INVALID_PARAMS`.
 */
export function validateFloatArgs(channels: number, float: FloatOutputParams, outChannels: number): void {
  if (!Number.isInteger(outChannels) || outChannels < 1 || outChannels > channels) {
    fail('INVALID_PARAMS', `outChannels must be an integer in 1..${channels} (the input's channels), got ${String(outChannels)}.`);
  }
  if (float == null || typeof float !== 'object') fail('INVALID_PARAMS', 'Expected FloatOutputParams {outScale, outOffset}.');
  checkVec('outScale', float.outScale, outChannels, false);
  checkVec('outOffset', float.outOffset, outChannels, false);
}

/**
 * The exact per-channel value `v` (after warp, colour affine and clip, before output
 * conversion) of every output pixel, as float64 HWC with the input's channel count.
 */
export function warpReferenceValues(image: RawImage, params: WarpParams, outW?: number, outH?: number): Float64Array {
  const { outW: ow, outH: oh } = validateWarpArgs(image, params, outW, outH);
  const { width: w, height: h, channels: c, data } = image;
  const m = params.matrix;
  const m0 = +m[0], m1 = +m[1], m2 = +m[2], m3 = +m[3], m4 = +m[4], m5 = +m[5];
  const mode = FILL_MODE_CODE[params.fillMode];
  const bilinear = params.interpolation === 'bilinear';
  const out = new Float64Array(ow * oh * c);
  const val = new Float64Array(4);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // scipy: icoor = 0; icoor += row * M[h][0]; icoor += col * M[h][1]; icoor += shift[h]
      const sx = (0 + y * m1 + x * m0) + m2;
      const sy = (0 + y * m4 + x * m3) + m5;
      const cy = mapCoordinate(sy, h, mode);
      const cx = mapCoordinate(sx, w, mode);
      if (!(cy > -1) || !(cx > -1)) {
        for (let k = 0; k < c; k++) val[k] = +params.cval[k];
      } else if (bilinear) {
        const y0 = Math.floor(cy), x0 = Math.floor(cx);
        const wy0 = 1 - (cy - y0), wy1 = 1 - wy0;
        const wx0 = 1 - (cx - x0), wx1 = 1 - wx0;
        const ya = tapIndex(y0, h, mode) * w, yb = tapIndex(y0 + 1, h, mode) * w;
        const xa = tapIndex(x0, w, mode), xb = tapIndex(x0 + 1, w, mode);
        for (let k = 0; k < c; k++) {
          let t = 0;
          t += data[(ya + xa) * c + k] * wy0 * wx0;
          t += data[(ya + xb) * c + k] * wy0 * wx1;
          t += data[(yb + xa) * c + k] * wy1 * wx0;
          t += data[(yb + xb) * c + k] * wy1 * wx1;
          val[k] = t;
        }
      } else {
        const yi = tapIndex(Math.floor(cy + 0.5), h, mode), xi = tapIndex(Math.floor(cx + 0.5), w, mode);
        for (let k = 0; k < c; k++) val[k] = data[(yi * w + xi) * c + k];
      }
      const o = (y * ow + x) * c;
      for (let k = 0; k < c; k++) {
        let v = +params.colorScale[k] * val[k] + +params.colorOffset[k];
        const lo = +params.clipLo[k], hi = +params.clipHi[k];
        if (v < lo) v = lo;
        if (v > hi) v = hi;
        out[o + k] = v;
      }
    }
  }
  return out;
}

/**
 * Reference u8 output: round-half-up(clamp(v, 0, 255)), same channels as the input.
 *
 * @example
 * ```ts
 * const out = warpReferenceU8(img, { ...identityWarpParams(4), fillMode: 'reflect' });
 * ```
 * @throws {EdgeAugmentError} `INVALID_IMAGE` / `INVALID_PARAMS` on bad input.
 */
export function warpReferenceU8(image: RawImage, params: WarpParams, outW?: number, outH?: number): Uint8Array {
  const v = warpReferenceValues(image, params, outW, outH);
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    out[i] = x <= 0 ? 0 : x >= 255 ? 255 : Math.floor(x + 0.5);
  }
  return out;
}

/**
 * Reference float32 output (HWC, `outChannels` channels): `v·outScale[c] + outOffset[c]`.
 *
 * @throws {EdgeAugmentError} `INVALID_IMAGE` / `INVALID_PARAMS` on bad input.
 */
export function warpReferenceF32(image: RawImage, params: WarpParams, float: FloatOutputParams, outChannels: number, outW?: number, outH?: number): Float32Array {
  validateFloatArgs(image.channels, float, outChannels);
  const v = warpReferenceValues(image, params, outW, outH);
  const c = image.channels;
  const n = v.length / c;
  const out = new Float32Array(n * outChannels);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < outChannels; k++) out[i * outChannels + k] = v[i * c + k] * +float.outScale[k] + +float.outOffset[k];
  }
  return out;
}
