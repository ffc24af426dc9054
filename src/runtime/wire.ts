/**
 * The pool's message format: what crosses between the calling thread and a worker for one task.
 *
 * Lean on purpose: the calling thread is often a page's main thread, and every microsecond it spends per
 * image is taken from the UI (and, on a small machine, from the workers). So a task carries
 * - its source pixels packed into ONE staging buffer (each distinct source copied once with a memcpy,
 *   repeats of the same source sent once), transferred — not structured-cloned image by image; or,
 *   when the caller gave them up (`transfer: true`), the sources' own buffers, moved without a copy;
 * - its entries as numbers (source, first item index, item count), explicit params only for replay;
 * and a result carries its outputs' buffers (transferred), their params as one array of numbers, and
 * the staging buffer back for the next task.
 *
 * The small number lists are plain arrays, not typed arrays, on purpose: every small typed array that
 * crosses a message gets its own off-heap backing store, and in Node 20 a few of those per task made
 * the calling thread run a scavenge for "external memory pressure" every few tasks (measured: 216 vs 0
 * in 4 s of augmentBatch on one worker).
 */
import { EdgeAugmentError } from '../errors.js';
import { ownsWholeBuffer } from '../buffers.js';
import type { RawImage } from '../types.js';
import type { AugmentParams } from '../plan/params.js';
import type { JobEntry, JobEntryResult, JobItem, OutputParams } from '../engine/engine.js';
import type { AppliedOp } from '../ops/core/types.js';

/** A task as sent to a worker. */
export interface WireTask {
  output: 'raw' | 'float';
  /**
   * Distinct copied source pixels back to back: a SharedArrayBuffer where the runtime has them (shared,
   * not transferred: nothing crosses back and no buffer object is made anew per task), else an
   * ArrayBuffer that is transferred and comes back with the result.
   */
  pixels: ArrayBuffer | SharedArrayBuffer;
  /** Sources' own buffers, moved (transferred) instead of copied. */
  moved?: ArrayBuffer[];
  /** Per source: where (-1 = `pixels`, k = `moved[k]`), byte offset, width, height, channels. */
  sources: number[];
  /** Per entry: source, first item index, item count, seed (−1: the configured seed). */
  entries: number[];
  /** Entries whose items are not `first, first + 1, …` without params (replay, `apply`): entry → items. */
  items?: Record<number, JobItem[]>;
  /** Recycled output buffers the worker may write raw outputs into (transferred). */
  reuse?: ArrayBuffer[];
  /**
   * Batch mixing (mixUp/cutMix): entry → per item [partner's source slot, partner's item index, partner's
   * position in the call]. The partner's source pixels are one more source of the task (deduplicated).
   */
  partners?: Record<number, number[]>;
  /** Targets: mask entries (entry → its image's channels; see JobEntry.asMask). */
  masks?: Record<number, 1 | 3 | 4>;
}

/** A task's result as sent back. */
export interface WireResult {
  /** Every output's buffer in entry order, then item order (transferred). */
  outputs: ArrayBuffer[];
  /** {@link PARAM_WORDS} numbers per output (Keras spec path). */
  params: number[];
  /** Pipelines: the applied ops of every output (plain data), instead of `params`. */
  applied?: AppliedOp[][];
  /** Per entry: output width, height, channels. */
  dims: number[];
  /** Per output [width, height, channels], when some entry's outputs differ in size (pipelines). */
  outDims?: number[];
  /** The task's staging buffer, back for reuse (transferred) — only when it was an ArrayBuffer. */
  pixels?: ArrayBuffer;
}

/** Numbers per packed params record. */
export const PARAM_WORDS = 10;
/** Numbers per packed entry: source, first index, count, seed. */
const ENTRY_WORDS = 4;

function packParams(p: AugmentParams, to: number[]): void {
  // Params are finite (validated or sampled), so NaN can stand for null.
  to.push(p.theta, p.tx, p.ty, p.shear, p.zx, p.zy, p.flipHorizontal ? 1 : 0, p.flipVertical ? 1 : 0, p.channelShiftIntensity ?? NaN, p.brightness ?? NaN);
}

function unpackParams(from: readonly number[], at: number): AugmentParams {
  const cs = from[at + 8]!, br = from[at + 9]!;
  return {
    theta: from[at]!, tx: from[at + 1]!, ty: from[at + 2]!, shear: from[at + 3]!, zx: from[at + 4]!, zy: from[at + 5]!,
    flipHorizontal: from[at + 6] === 1, flipVertical: from[at + 7] === 1,
    channelShiftIntensity: Number.isNaN(cs) ? null : cs, brightness: Number.isNaN(br) ? null : br,
  };
}

/** The distinct sources of `entries`, which entry uses which, and the staging bytes the copied ones need. */
function distinctSources(entries: readonly JobEntry[]): { list: { image: RawImage; move: boolean }[]; of: number[]; bytes: number } {
  const seen = new Map<ArrayBufferLike, { offset: number; length: number; index: number }[]>();
  const list: { image: RawImage; move: boolean }[] = [];
  const of: number[] = [];
  let bytes = 0;
  for (const e of entries) {
    const d = e.image.data;
    const same = seen.get(d.buffer)?.find((s) => s.offset === d.byteOffset && s.length === d.byteLength);
    if (same && list[same.index]!.image.width === e.image.width && list[same.index]!.image.channels === e.image.channels) {
      of.push(same.index);
      continue;
    }
    const rec = { offset: d.byteOffset, length: d.byteLength, index: list.length };
    const at = seen.get(d.buffer);
    if (at) at.push(rec); else seen.set(d.buffer, [rec]);
    of.push(list.length);
    const move = e.move === true && ownsWholeBuffer(d);
    list.push({ image: e.image, move });
    if (!move) bytes += d.byteLength;
  }
  return { list, of, bytes };
}

/**
 * Packs a task. `staging(bytes)` returns a buffer of at least `bytes` (a recycled one or new).
 * The entries' images must be validated RawImages (data exactly width·height·channels bytes).
 */
export function encodeTask(entries: readonly JobEntry[], output: 'raw' | 'float', staging: (bytes: number) => ArrayBuffer | SharedArrayBuffer, reuse?: ArrayBuffer[]): { task: WireTask; transfer: ArrayBuffer[] } {
  // Mixing: partners' source images ride as extra sources (after the entries' own, deduplicated).
  const partnerSources = partnerEntries(entries);
  const { list, of, bytes } = distinctSources(partnerSources.length ? [...entries, ...partnerSources] : entries);
  for (const { image } of list) {
    // Checked when the call was made; a buffer moved away since (a worker that died holding it, or the
    // same image given to another call with transfer: true) has length 0 now.
    if (image.data.byteLength !== image.width * image.height * image.channels) {
      throw new EdgeAugmentError('INVALID_IMAGE', `An input image's pixels were moved away (detached) before they could be sent to a worker: ${image.data.byteLength} bytes left of ${image.width * image.height * image.channels}. With transfer: true, an image's buffer goes to the worker and cannot be sent again.`);
    }
  }
  const pixels = staging(bytes);
  const u8 = new Uint8Array(pixels);
  // Number lists are built with push: packed arrays, which V8 serialises densely (a holey
  // `new Array(n)` would go as sparse key/value pairs).
  const sources: number[] = [];
  const moved: ArrayBuffer[] = [];
  let at = 0;
  for (const { image: img, move } of list) {
    const d = img.data;
    if (move) {
      sources.push(moved.length, 0);
      moved.push(d.buffer as ArrayBuffer);
    } else {
      u8.set(d instanceof Uint8Array ? d : new Uint8Array(d.buffer, d.byteOffset, d.byteLength), at);
      sources.push(-1, at);
      at += d.byteLength;
    }
    sources.push(img.width, img.height, img.channels);
  }
  const packed: number[] = [];
  let items: Record<number, JobItem[]> | undefined;
  let masks: Record<number, 1 | 3 | 4> | undefined;
  entries.forEach((e, k) => {
    const first = e.items[0]?.index ?? 0;
    packed.push(of[k]!, first, e.items.length, e.seed ?? -1);
    if (e.items.some((it, v) => it.params !== undefined || it.index !== first + v)) (items ??= {})[k] = e.items.map(({ partner: _, ...it }) => it);
    if (e.asMask) (masks ??= {})[k] = e.asMask.channels;
  });
  const partners = partnerSources.length ? encodePartners(entries, partnerSources, of) : undefined;
  const task: WireTask = { output, pixels, sources, entries: packed, ...(moved.length ? { moved } : {}), ...(items ? { items } : {}), ...(reuse?.length ? { reuse } : {}), ...(partners ? { partners } : {}), ...(masks ? { masks } : {}) };
  return { task, transfer: [...(pixels instanceof ArrayBuffer ? [pixels] : []), ...moved, ...(reuse ?? [])] };
}

/** Unpacks a task into the engine's entries (image data are views of the staging buffer). */
export function decodeTask(task: WireTask): JobEntry[] {
  const src: RawImage[] = [];
  for (let k = 0; k < task.sources.length; k += 5) {
    const [where, off, width, height, channels] = [task.sources[k]!, task.sources[k + 1]!, task.sources[k + 2]!, task.sources[k + 3]!, task.sources[k + 4]!];
    const buf = where < 0 ? task.pixels : task.moved![where]!;
    src.push({ data: new Uint8Array(buf, off, width * height * channels), width, height, channels: channels as RawImage['channels'] });
  }
  const out: JobEntry[] = [];
  for (let k = 0; k < task.entries.length / ENTRY_WORDS; k++) {
    const at = k * ENTRY_WORDS;
    const image = src[task.entries[at]!]!;
    const first = task.entries[at + 1]!;
    const n = task.entries[at + 2]!;
    const seed = task.entries[at + 3]!;
    const items: JobItem[] = task.items?.[k] ?? Array.from({ length: n }, (_, v) => ({ index: first + v }));
    const pk = task.partners?.[k];
    if (pk) items.forEach((it, v) => { if (pk[v * 3]! >= 0) it.partner = { image: src[pk[v * 3]!]!, index: pk[v * 3 + 1]!, source: pk[v * 3 + 2]! }; });
    out.push({ image, items, ...(seed >= 0 ? { seed } : {}), ...(task.masks?.[k] ? { asMask: { channels: task.masks[k]! } } : {}) });
  }
  return out;
}

/** Pseudo-entries holding the distinct partner images of `entries` (batch mixing). */
function partnerEntries(entries: readonly JobEntry[]): JobEntry[] {
  const seen = new Set<RawImage>();
  const out: JobEntry[] = [];
  for (const e of entries) for (const it of e.items) if (it.partner && !seen.has(it.partner.image)) { seen.add(it.partner.image); out.push({ image: it.partner.image, items: [] }); }
  return out;
}

/** Entry → per item [source slot (−1: none), partner index, partner position]. `of`: slots of entries then partner pseudo-entries. */
function encodePartners(entries: readonly JobEntry[], partnerSources: readonly JobEntry[], of: readonly number[]): Record<number, number[]> {
  const slot = new Map<RawImage, number>(partnerSources.map((p, k) => [p.image, of[entries.length + k]!]));
  const out: Record<number, number[]> = {};
  entries.forEach((e, k) => {
    if (!e.items.some((it) => it.partner)) return;
    const row: number[] = [];
    for (const it of e.items) if (it.partner) row.push(slot.get(it.partner.image)!, it.partner.index, it.partner.source); else row.push(-1, 0, 0);
    out[k] = row;
  });
  return out;
}

/** Packs the engine's results (worker side). */
export function encodeResult(results: readonly JobEntryResult[], pixels: ArrayBuffer | SharedArrayBuffer): { result: WireResult; transfer: ArrayBuffer[] } {
  const outputs: ArrayBuffer[] = [];
  const params: number[] = [];
  const dims: number[] = [];
  const applied: AppliedOp[][] = [];
  const outDims: number[] = [];
  const anyDims = results.some((r) => r.dims);
  for (const r of results) {
    dims.push(r.width, r.height, r.channels);
    r.outputs.forEach((o, v) => {
      // Outputs normally own their buffers whole (fresh or recycled); anything else is copied out.
      outputs.push(ownsWholeBuffer(o) ? (o.buffer as ArrayBuffer) : (o.slice().buffer as ArrayBuffer));
      const p: OutputParams = r.params[v]!;
      if (Array.isArray(p)) applied.push(p);
      else packParams(p, params);
      if (anyDims) outDims.push(...(r.dims ? r.dims.slice(v * 3, v * 3 + 3) : [r.width, r.height, r.channels]));
    });
  }
  const result: WireResult = { outputs, params, dims, ...(applied.length ? { applied } : {}), ...(anyDims ? { outDims } : {}) };
  // A shared staging buffer stays where it is: the calling thread still holds it.
  if (!(pixels instanceof ArrayBuffer)) return { result, transfer: outputs };
  return { result: { ...result, pixels }, transfer: [...outputs, pixels] };
}

/** Unpacks a result into the engine's results (calling thread). `counts`: outputs per entry. */
export function decodeResult(r: WireResult, output: 'raw' | 'float', counts: readonly number[]): JobEntryResult[] {
  const out: JobEntryResult[] = [];
  let j = 0;
  counts.forEach((n, k) => {
    const outputs: (Uint8Array | Float32Array)[] = new Array(n);
    const params: OutputParams[] = new Array(n);
    const first = j;
    for (let v = 0; v < n; v++, j++) {
      outputs[v] = output === 'raw' ? new Uint8Array(r.outputs[j]!) : new Float32Array(r.outputs[j]!);
      params[v] = r.applied ? r.applied[j]! : unpackParams(r.params, j * PARAM_WORDS);
    }
    const dims = r.outDims?.slice(first * 3, j * 3);
    const w = r.dims[k * 3]!, h = r.dims[k * 3 + 1]!, c = r.dims[k * 3 + 2]!;
    const differs = dims?.some((d, i) => d !== [w, h, c][i % 3]);
    out.push({ outputs, params, width: w, height: h, channels: c, ...(differs ? { dims } : {}) });
  });
  return out;
}
