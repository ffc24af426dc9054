/**
 * Batch mixing (MixUp, CutMix): what the `mixUp` / `cutMix` ops need beyond one image.
 *
 * A mix node is the LAST node of a pipeline (or a `oneOf` of mix ops in that place, torchvision's
 * `RandomChoice([MixUp, CutMix])`). It mixes an item's output of the nodes before it (the prefix) with
 * its **partner's** prefix output, as torchvision's MixUp/CutMix run on the transformed batch.
 *
 * The partner (design): the previous output of the same call, the first taking the last — torchvision's
 * `batch.roll(1, 0)` over the call's outputs in order (images × variants, after bad images are left out
 * in `errors: 'collect'` mode). So a partner is a function of the call's batch only, never of chunking or
 * workers. The calling thread names each item's partner (its source image, item index and position);
 * a worker task carries the partner's source pixels as one more source (deduplicated with the task's own
 * sources) and recomputes the partner's prefix output from (seed, partner index) — deterministic, so the
 * bytes equal the inline ones. Prefix outputs are cached per task (the previous item is the next one's
 * partner), so a task does at most two extra prefix runs (its first item's partner, and the wrap-around).
 *
 * An output's mix params record λ (and CutMix's box), the partner's item index and position, and the
 * partner's prefix params (`partnerOps`): `apply(image, params, { partner: partnerSourceImage })` replays
 * the bytes without the seed; {@link mixLabel} replays the label.
 */
import { EdgeAugmentError, describeValue } from '../../errors.js';
import type { RawImage } from '../../types.js';
import type { FieldTable } from '../core/fields.js';
import { normalizeFields } from '../core/fields.js';
import { childGroups, planOutput, planReplay, type OutputPlan } from '../core/pipeline.js';
import { OpRandom } from '../core/random.js';
import type { AppliedOp, CompiledNode, ImageInfo, Img, Stage } from '../core/types.js';
import { getOp } from '../registry.js';

/** Names of the batch-mixing ops. */
export const MIX_OPS: ReadonlySet<string> = /* #__PURE__ */ new Set(['mixUp', 'cutMix']);

/** Partner fields every mix op's params carry (filled in by the engine; null from `paramsFor`). */
export interface MixPartnerParams {
  /** Item index of the partner (its params are a function of (seed, this index)). */
  partnerIndex: number | null;
  /** Position of the partner's source image in the call (`images[partnerSource]`; 0 for `augment`). */
  partnerSource: number | null;
  /** The partner's applied ops before the mix node (replays its pixels from its source image). */
  partnerOps: AppliedOp[] | null;
}

/** Config fields of mixUp and cutMix (the same in both, as in torchvision v2). */
export const MIX_CONFIG: FieldTable = {
    alpha: { type: 'number', min: 0, exclusiveMin: true, max: 1e6, default: 1, doc: 'Beta(alpha, alpha) concentration (torchvision default 1.0)' },
    numClasses: { type: 'number', integer: true, min: 1, nullable: true, default: null, doc: "classes of integer labels (torchvision's num_classes; augmentBatch's numClasses wins)" },
};

/** Field table of {@link MixPartnerParams}. */
export const MIX_PARTNER_PARAMS: FieldTable = {
  partnerIndex: { type: 'number', integer: true, min: 0, nullable: true, default: null, doc: "the partner's item index" },
  partnerSource: { type: 'number', integer: true, min: 0, nullable: true, default: null, doc: "the partner's source position in the call" },
  partnerOps: { type: 'json', doc: "the partner's applied ops before the mix (replays its pixels)" },
};

/** The partner of one job item (set by the calling thread; crosses to workers as a second source). */
export interface MixPartner {
  /** The partner's SOURCE image (before any op). */
  image: RawImage;
  /** The partner's item index. */
  index: number;
  /** The partner's position in the call. */
  source: number;
}

/** alpha > 0 (the field table already says so; kept as a named check for direct callers). */
export function checkAlpha(op: string, alpha: number): void {
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new EdgeAugmentError('INVALID_SPEC', `${op}.alpha: got ${describeValue(alpha)}; allowed: a finite number > 0 (Beta(alpha, alpha)).`, { details: { field: 'alpha' } });
}

/** A mix op cannot be lowered to one-image stages: it needs its partner. */
export function mixLower(op: string): () => Stage[] {
  return () => {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `${op} mixes two images: it runs as the last op of an augmenter's pipeline (augment / augmentBatch), and replays with apply(image, params, { partner }).`);
  };
}

/** True when `n` is a mix op, or a oneOf whose every choice is a mix op. */
function isMixNode(n: CompiledNode): boolean {
  if (MIX_OPS.has(n.op)) return true;
  return n.op === 'oneOf' && !!n.children?.length && n.children.every((c) => MIX_OPS.has(c.op));
}

function containsMix(n: CompiledNode): boolean {
  return MIX_OPS.has(n.op) || (n.children ?? []).some(containsMix);
}

/** A pipeline split at its mix node. */
export interface MixSplit {
  /** The nodes before the mix node. */
  prefix: readonly CompiledNode[];
  /** The mix node (a mix op, or a oneOf of mix ops). */
  mix: CompiledNode;
}

/**
 * Checks where mix ops sit and splits the pipeline: null when it has none.
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC` naming the node when a mix op is anywhere but last (nested
 *   inside another op, or followed by other ops).
 */
export function splitMix(nodes: readonly CompiledNode[], where = 'pipeline'): MixSplit | null {
  nodes.forEach((n, i) => {
    const last = i === nodes.length - 1;
    if (last && isMixNode(n)) return;
    if (!containsMix(n)) return;
    const name = MIX_OPS.has(n.op) ? n.op : 'mixUp/cutMix';
    const why = last ? `inside ${n.op} (only a oneOf of mix ops may hold them)` : `followed by ${nodes.length - 1 - i} more op(s)`;
    throw new EdgeAugmentError('INVALID_SPEC', `${where}[${i}]: ${name} must be the last op of the pipeline — it mixes the outputs of the ops before it — but it is ${why}.`, { details: { field: `${where}[${i}]`, op: name } });
  });
  const last = nodes[nodes.length - 1];
  return last && isMixNode(last) ? { prefix: nodes.slice(0, -1), mix: last } : null;
}

/** The numClasses a pipeline's mix ops were configured with (the first given), or null. */
export function mixNumClasses(split: MixSplit | null): number | null {
  if (!split) return null;
  for (const n of [split.mix, ...(split.mix.children ?? [])]) if (typeof n.config.numClasses === 'number') return n.config.numClasses;
  return null;
}

/**
 * Plans one output of a mix pipeline: the prefix plan and the mix op's sampled params (partner fields
 * null), or `mix: null` when the node's `p` skipped it. Draws exactly as `planOutput` would (each node
 * from its own stream keyed by its path). Pure.
 */
export function planMixOutput(split: MixSplit, seed: number, index: number, info: ImageInfo): { prefix: OutputPlan; mix: AppliedOp | null } {
  const prefix = planOutput(split.prefix, seed, index, info);
  const walk = (n: CompiledNode, path: string): AppliedOp | null => {
    const def = getOp(n.op)!;
    const rng = new OpRandom(seed, index, path);
    if (n.p < 1 && !(rng.next() < n.p)) return null;
    if (def.expand) {
      const groups = childGroups(n);
      const [e] = def.expand(n.config as never, rng, prefix.out, Object.values(groups).flat());
      if (!e) return null;
      if (!('node' in e)) throw new EdgeAugmentError('INTERNAL', `${n.op} expanded to a leaf in a mix position.`);
      return walk(e.node, `${path}/${e.node.key}`);
    }
    const params = def.sample!(n.config as never, rng, prefix.out) as Record<string, unknown>;
    return { op: n.op, path, params };
  };
  return { prefix, mix: walk(split.mix, split.mix.key) };
}

/**
 * The mix op of an output's params (its last applied op, when that is mixUp/cutMix), or null.
 *
 * @example
 * ```ts
 * const m = mixOf(out.params); // { op: 'cutMix', path: 'cutMix#0', params: { box, lambda, partnerSource, … } } | null
 * ```
 */
export function mixOf(params: readonly AppliedOp[] | unknown): AppliedOp | null {
  if (!Array.isArray(params) || !params.length) return null;
  const last = params[params.length - 1] as AppliedOp | null;
  return last && typeof last === 'object' && MIX_OPS.has(last.op) ? last : null;
}

/**
 * out = round_half_even(f32(tb[y] + ta[x])) per byte. 1.5·2^23 added in float32 rounds a value in
 * [0, 2^22) to an integer, ties to even (float32 spacing is 1 there), as torch.round does.
 */
function mixBytes(x: Uint8Array, y: Uint8Array, ta: Float32Array, tb: Float32Array, out: Uint8Array): void {
  const M = 12582912;
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = Math.fround(Math.fround(tb[y[i]!]! + ta[x[i]!]!) + M) - M;
}

/**
 * Mixes `a` (the item's prefix output) with `b` (its partner's) per validated mix params. New buffer.
 * MixUp: round_half_even(f32(f32(b·f32(1 − λ)) + f32(a·f32(λ)))) — torchvision's
 * `x.roll(1, 0).mul_(1 − λ).add_(x.mul(λ))` on a float32 image of 0..255, rounded back to uint8.
 * CutMix: `a` with the box replaced by `b`'s pixels (exact).
 */
export function mixPixels(a: Img, b: Img, m: AppliedOp): Img {
  const out = new Uint8Array(a.data.length);
  if (m.op === 'mixUp') {
    const lam = Math.fround(m.params.lambda as number);
    const rest = Math.fround(1 - (m.params.lambda as number));
    // The float32 products of every byte value (a store into a Float32Array rounds as torch's mul does).
    const ta = new Float32Array(256), tb = new Float32Array(256);
    for (let k = 0; k < 256; k++) { ta[k] = k * lam; tb[k] = k * rest; }
    mixBytes(a.data, b.data, ta, tb, out);
  } else {
    out.set(a.data);
    const [x1, y1, x2, y2] = m.params.box as number[];
    const c = a.channels;
    const row = a.width * c;
    for (let r = y1!; r < y2!; r++) out.set(b.data.subarray(r * row + x1! * c, r * row + x2! * c), r * row + x1! * c);
  }
  return { data: out, width: a.width, height: a.height, channels: a.channels };
}

/**
 * The label of an output: its own label row, mixed with its partner's by the output's mix λ
 * (λ·own + (1 − λ)·partner, torchvision's `_mixup_label` in float64), or a copy of its own when no mix
 * op ran. `params`: the output's params (applied ops).
 *
 * @example
 * ```ts
 * const y = mixLabel(out.params, labels[out.source], labels[mixOf(out.params)?.params.partnerSource ?? out.source]);
 * ```
 */
export function mixLabel(params: readonly AppliedOp[], own: readonly number[], partner?: readonly number[]): number[] {
  const m = mixOf(params);
  if (!m) return own.slice();
  if (!partner || partner.length !== own.length) throw new EdgeAugmentError('INVALID_ARGUMENT', `mixLabel: this output was mixed (${m.op}); give its partner's label row (${own.length} values), got ${describeValue(partner)}.`);
  const lam = m.params.lambda as number;
  return own.map((y, k) => partner[k]! * (1 - lam) + y * lam);
}

/**
 * Label rows from `augmentBatch`'s `labels` option: class ids (with `numClasses`) become one-hot rows;
 * rows (one-hot or soft) are checked and copied.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` naming the field.
 */
export function labelRows(labels: unknown, n: number, numClasses: number | null | undefined): number[][] {
  if (!Array.isArray(labels)) throw new EdgeAugmentError('INVALID_ARGUMENT', `labels: expected one class id per image (number[], with numClasses) or one row per image (number[][]), got ${describeValue(labels)}.`, { details: { field: 'labels' } });
  if (labels.length !== n) throw new EdgeAugmentError('INVALID_ARGUMENT', `labels: ${labels.length} labels for ${n} images; give one per image.`, { details: { field: 'labels' } });
  if (numClasses !== undefined && numClasses !== null && (!Number.isInteger(numClasses) || numClasses < 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `numClasses: expected a positive integer, got ${describeValue(numClasses)}.`, { details: { field: 'numClasses' } });
  if (!n) return [];
  if (labels.every((y) => typeof y === 'number')) {
    if (numClasses === undefined || numClasses === null) throw new EdgeAugmentError('INVALID_ARGUMENT', 'numClasses: required with class-id labels (or give one-hot rows).', { details: { field: 'numClasses' } });
    return labels.map((y: number, i) => {
      if (!Number.isInteger(y) || y < 0 || y >= numClasses) throw new EdgeAugmentError('INVALID_ARGUMENT', `labels[${i}]: got ${describeValue(y)}; allowed: a class id, an integer from 0 to ${numClasses - 1} (numClasses ${numClasses}).`, { details: { field: `labels[${i}]` } });
      const row = new Array<number>(numClasses).fill(0);
      row[y] = 1;
      return row;
    });
  }
  const width = numClasses ?? (Array.isArray(labels[0]) ? labels[0].length : 0);
  return labels.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== width || width < 1 || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `labels[${i}]: got ${describeValue(row)}; allowed: ${Array.isArray(labels[0]) ? `a row of ${width} finite numbers (one-hot or soft${numClasses ? `, numClasses ${numClasses}` : ', as long as labels[0]'})` : 'class ids (numbers) for every image, or rows for every image'}.`, { details: { field: `labels[${i}]` } });
    }
    return row.slice() as number[];
  });
}

/** Runs stages over an image (the engine's executor, with its fuse mode and kernels). */
export type StageRunner = (img: Img, stages: readonly Stage[]) => Img | Promise<Img>;

/** One job item as the mix runner needs it. */
export interface MixJobItem {
  index: number;
  params?: unknown;
  partner?: MixPartner;
}

function info(img: RawImage): ImageInfo {
  return { width: img.width, height: img.height, channels: img.channels };
}

function sizeText(i: Img): string {
  return `${i.width}×${i.height}×${i.channels}`;
}

/**
 * Validates a recorded mix op against its param table and the image it applies to.
 *
 * @throws {EdgeAugmentError} `INVALID_PARAMS` naming the field.
 */
function checkRecorded(m: AppliedOp, at: number, a: Img): AppliedOp {
  const def = getOp(m.op)!;
  const where = `params[${at}](${m.op})`;
  const raw = m.params;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new EdgeAugmentError('INVALID_PARAMS', `${where}.params: expected an object, got ${describeValue(raw)}.`);
  const p = normalizeFields(def.params, raw, where, 'INVALID_PARAMS');
  if (!Array.isArray(p.partnerOps)) throw new EdgeAugmentError('INVALID_PARAMS', `${where}.partnerOps: expected the partner's applied ops (an output's params carry them), got ${describeValue(p.partnerOps)}.`, { details: { field: `${where}.partnerOps` } });
  if (m.op === 'cutMix') {
    const [x1, y1, x2, y2] = p.box as number[];
    if (!(x1! <= x2! && y1! <= y2! && x2! <= a.width && y2! <= a.height)) throw new EdgeAugmentError('INVALID_PARAMS', `${where}.box: [${String(p.box)}] is not inside the ${a.width}×${a.height} image (x1 ≤ x2 ≤ width, y1 ≤ y2 ≤ height).`, { details: { field: `${where}.box` } });
    const lam = 1 - ((x2! - x1!) * (y2! - y1!)) / (a.width * a.height);
    if (p.lambda !== lam) throw new EdgeAugmentError('INVALID_PARAMS', `${where}.lambda: got ${describeValue(p.lambda)}; CutMix's lambda is 1 − box area / image area = ${lam} for box [${String(p.box)}].`, { details: { field: `${where}.lambda` } });
  }
  return { op: m.op, path: typeof m.path === 'string' ? m.path : String(at), params: p };
}

/**
 * The engine's side of mixing for one run (one task): makes an item's output from its prefix output and
 * its partner's, sampled (item.index under the seed) or replayed (item.params). Prefix outputs are kept
 * in a small cache (the previous item is the next one's partner).
 */
export function createMixRun(split: MixSplit | null, runStages: StageRunner) {
  const cache = new Map<string, { plan: OutputPlan; out: Promise<Img> }>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const keyOf = (img: RawImage, seed: number, index: number): string => {
    let id = ids.get(img.data);
    if (id === undefined) ids.set(img.data, (id = nextId++));
    return `${id}:${seed}:${index}`;
  };
  const prefixOf = (img: RawImage, seed: number, index: number): { plan: OutputPlan; mix: AppliedOp | null; out: Promise<Img> } => {
    const planned = planMixOutput(split!, seed, index, info(img));
    const key = keyOf(img, seed, index);
    let hit = cache.get(key);
    if (!hit) {
      hit = { plan: planned.prefix, out: Promise.resolve(runStages(img as Img, planned.prefix.stages)) };
      cache.set(key, hit);
      if (cache.size > 4) cache.delete(cache.keys().next().value!);
    } else {
      // Refresh its place (least recently used goes first).
      cache.delete(key);
      cache.set(key, hit);
    }
    return { plan: planned.prefix, mix: planned.mix, out: hit.out };
  };
  const mixed = async (a: Promise<Img>, b: Promise<Img>, m: AppliedOp, item: MixJobItem): Promise<Img> => {
    const [x, y] = await Promise.all([a, b]);
    if (x.width !== y.width || x.height !== y.height || x.channels !== y.channels) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `${m.op}: item ${item.index} is ${sizeText(x)} after the ops before ${m.op}, its partner (item ${item.partner?.index}, images[${item.partner?.source}]) is ${sizeText(y)}; ${m.op} mixes images of one size — end the ops before it with a fixed-size op (resize, centerCrop, randomResizedCrop), or give images of one size.`, { details: { field: 'images', index: item.index, partner: item.partner?.index } });
    }
    return mixPixels(x, y, m);
  };
  return {
    /** True when this item is mixed (a mix pipeline, or replayed params that end with a mix op). */
    handles(item: MixJobItem): boolean {
      return item.params ? mixOf(item.params) !== null : split !== null;
    },
    /** One output: pixels (async) and the applied ops. */
    item(image: RawImage, item: MixJobItem, seed: number): { out: Promise<Img>; applied: AppliedOp[] } {
      if (item.params) {
        const all = item.params as AppliedOp[];
        const at = all.length - 1;
        const planA = planReplay(all.slice(0, at), info(image));
        const a = Promise.resolve(runStages(image as Img, planA.stages));
        if (!item.partner) throw new EdgeAugmentError('INVALID_ARGUMENT', `apply: this output was mixed (${all[at]!.op}) with a partner; pass the partner's source image: apply(image, params, { partner: images[params[${at}].params.partnerSource] }).`, { details: { field: 'partner' } });
        const partner = item.partner.image;
        const out = a.then(async (x) => {
          const m = checkRecorded(all[at]!, at, x);
          const planB = planReplay(m.params.partnerOps as AppliedOp[], info(partner));
          return { m, img: await mixed(Promise.resolve(x), Promise.resolve(runStages(partner as Img, planB.stages)), m, { ...item, partner: { ...item.partner!, index: (m.params.partnerIndex as number | null) ?? item.partner!.index } }) };
        });
        // The applied list is the replayed one: validated prefix, then the recorded mix op as given.
        const applied = [...planA.applied, all[at]!];
        return { out: out.then((r) => { applied[at] = r.m; return r.img; }), applied };
      }
      if (!split) throw new EdgeAugmentError('INTERNAL', 'mix run without a mix pipeline.');
      const own = prefixOf(image, seed, item.index);
      if (!own.mix) {
        // The node's p skipped mixing: the prefix output (a copy: the cached one may be a partner still).
        return { out: own.out.then((x) => ({ ...x, data: x.data.slice() })), applied: own.plan.applied };
      }
      const p = item.partner;
      if (!p) throw new EdgeAugmentError('INTERNAL', `${own.mix.op}: item ${item.index} has no partner.`);
      const other = prefixOf(p.image, seed, p.index);
      const m: AppliedOp = { op: own.mix.op, path: own.mix.path, params: { ...own.mix.params, partnerIndex: p.index, partnerSource: p.source, partnerOps: other.plan.applied } };
      return { out: mixed(own.out, other.out, m, item), applied: [...own.plan.applied, m] };
    },
  };
}
