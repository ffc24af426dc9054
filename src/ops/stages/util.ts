/** Small helpers the stage kernels share (torch's uint8 semantics, float32 emulation, image allocation). */
import type { ImageInfo, Img, Stage } from '../core/types.js';

/** float32 rounding of a double (torch computes uint8 ops in float32). */
export const f32 = Math.fround;

/** uint8 cast as torch does it after a clamp to [0, 255]: truncation toward zero. */
export function truncU8(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v);
}

/** Round half to even then clamp (torch.round on a float image, then cast). */
export function roundEvenU8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 255) return 255;
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A blank image of the given size/channels. */
export function blank(width: number, height: number, channels: 1 | 3 | 4): Img {
  return { data: new Uint8Array(width * height * channels), width, height, channels };
}

/** Colour channels (alpha excluded) of an image. */
export function colourChannels(img: { channels: number }): number {
  return img.channels === 4 ? 3 : img.channels;
}

/** A copy of an image. */
export function cloneImg(img: Img): Img {
  return { data: img.data.slice(), width: img.width, height: img.height, channels: img.channels };
}

/** `outInfo` of a stage kind whose output size is its `width` × `height` attributes (channels unchanged). */
export function sizedOutInfo(stage: Stage, info: ImageInfo): ImageInfo {
  const s = stage as Stage & { width: number; height: number };
  return { width: s.width, height: s.height, channels: info.channels };
}

/**
 * `maskStage` of a pixel-only stage kind (see `StageKernel.maskStage`): masks, boxes and keypoints are
 * left as they are.
 */
export function pixelOnly(): null {
  return null;
}

/*
 * Output buffers. A fresh 150 kB typed array costs more than many a stage's whole pass on this kind of
 * machine (calloc of a new mapping, then a page fault per 4 kB on first write), so intermediate images
 * that the executor drops are kept here by size and handed out again. A pooled buffer holds old bytes:
 * only kernels that write every byte of their output take from it (`outU8`).
 */
const POOL = new Map<number, Uint8Array[]>();
let pooledBytes = 0;
/** At most this many bytes wait in the pool (per thread). */
const POOL_LIMIT = 48 * 1024 * 1024;
/**
 * At most this many buffers of one size: a recycled batch hands back one buffer per output, and all of
 * them are needed again by the next batch of the same size (a batch of 64 kept 8 before: 56 fresh
 * allocations per batch).
 */
const POOL_PER_SIZE = 512;

/** A buffer of `n` bytes for an output the caller overwrites entirely (contents undefined). */
export function outU8(n: number): Uint8Array {
  const list = POOL.get(n);
  const b = list?.pop();
  if (b) {
    pooledBytes -= n;
    return b;
  }
  return new Uint8Array(n);
}

/**
 * Gives back the buffer of an image nobody references any more (the executor's intermediates). Only
 * whole, plain ArrayBuffers are kept (no views into a larger or shared buffer, no WASM memory).
 */
export function releaseU8(a: Uint8Array): void {
  const n = a.byteLength;
  const buf = a.buffer;
  if (n === 0 || a.byteOffset !== 0 || buf.byteLength !== n || !(buf instanceof ArrayBuffer) || pooledBytes + n > POOL_LIMIT) return;
  let list = POOL.get(n);
  if (!list) POOL.set(n, (list = []));
  if (list.length >= POOL_PER_SIZE || list.includes(a)) return;
  list.push(a);
  pooledBytes += n;
}

/**
 * perf: grow-only scratch arrays of at least `n` elements (whole arrays, no views: callers use the first
 * `n`), per slot, for per-image temporaries (resize taps); valid until the next call with that slot.
 */
const I32_GROW: Int32Array[] = [];
const F32_GROW: Float32Array[] = [];
export function atLeastI32(slot: number, n: number): Int32Array {
  const s = I32_GROW[slot];
  return s && s.length >= n ? s : (I32_GROW[slot] = new Int32Array(Math.max(n, 1024)));
}
export function atLeastF32(slot: number, n: number): Float32Array {
  const s = F32_GROW[slot];
  return s && s.length >= n ? s : (F32_GROW[slot] = new Float32Array(Math.max(n, 1024)));
}

/** Grow-only Float32 scratch arrays (per slot) for per-call temporaries; valid until the next call. */
const F32_SCRATCH: Float32Array[] = [];
export function scratchF32(slot: number, n: number): Float32Array {
  const s = F32_SCRATCH[slot];
  if (s && s.length >= n) return s.length === n ? s : s.subarray(0, n);
  const t = new Float32Array(Math.max(n, 4096));
  F32_SCRATCH[slot] = t;
  return n === t.length ? t : t.subarray(0, n);
}
