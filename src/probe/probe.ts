/**
 * The robustness probe: how the app's own model holds up under the ImageNet-C corruptions and under any
 * perturbation pipelines (evasion ops), on the app's own images, on the device. Pixels are made by an
 * augmenter (inline or a worker pool); the model runs where the app's tfjs runs it.
 *
 * Metrics (Hendrycks & Dietterich, ICLR 2019): with labels, top-1 error E per corruption × severity;
 * CE_c = Σ_s E_{s,c} / Σ_s E^{base}_{s,c} and mCE = mean_c CE_c against a baseline probe result; relative
 * CE_c = Σ_s (E_{s,c} − E_clean) / Σ_s (E^{base}_{s,c} − E^{base}_clean). Without labels the "error" is the
 * prediction flip rate against the clean image (documented; the same formulas).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { EdgeAugmentError, abortError, describeValue } from '../errors.js';
import type { RawImage } from '../types.js';
import { createAugmenter } from '../client/augmenter.js';
import { appTf } from '../client/tensor-output.js';
import type { PipelineJSON } from '../ops/core/pipeline.js';
import { CORRUPTIONS, type CorruptionName } from '../ops/corruption/table.js';

/** A model: a tfjs LayersModel / GraphModel (anything with `predict`), or a function of a batch. */
export type ProbeModel =
  | { predict(x: tfc.Tensor4D): tfc.Tensor | tfc.Tensor[] | Record<string, tfc.Tensor> }
  | ((batch: tfc.Tensor4D) => tfc.Tensor | Promise<tfc.Tensor>);

/** Options of {@link probeRobustness}. */
export interface ProbeOptions {
  /** Class index per image: accuracy and error rates. Without labels: flip rate against the clean prediction. */
  labels?: readonly number[];
  /** ImageNet-C corruptions to run (default: the 15 benchmark corruptions). `[]` for none. */
  corruptions?: readonly CorruptionName[];
  /** Severities (default 1–5). */
  severities?: readonly number[];
  /** Named perturbation pipelines (evasion ops), e.g. `{ jpeg20: [{ op: 'jpeg', quality: 20 }] }`. */
  perturbations?: Readonly<Record<string, PipelineJSON>>;
  /** Images per model call (default 32). */
  batchSize?: number;
  /** Pixel work: 0 inline (default), n workers, 'auto'. */
  workers?: number | 'auto';
  /** Seed of the random corruptions (default 0). */
  seed?: number;
  /** Model inputs are u8 × rescale (default 1/255), then (x − mean) / std when given. */
  rescale?: number;
  normalize?: { mean: number[]; std: number[] };
  /** How many worst cases to keep (default 10). */
  worst?: number;
  signal?: AbortSignal;
  /** (cells done, cells total) after each cell (the clean pass is cell 0). */
  onProgress?: (done: number, total: number) => void;
}

/** One corruption × severity, or one perturbation. */
export interface ProbeCell {
  name: string;
  kind: 'corruption' | 'perturbation';
  severity: number | null;
  /** Top-1 accuracy (with labels). */
  accuracy: number | null;
  /** What CE is built from: top-1 error with labels, else the flip rate. */
  error: number;
  /** Share of images whose top-1 class differs from the clean image's. */
  flipRate: number;
  /** Mean drop of the clean top-1 class's probability. */
  confidenceDrop: number;
  n: number;
}

/** What {@link probeRobustness} returns (plain data; `summary()` for a text table). */
export interface ProbeResult {
  n: number;
  labelled: boolean;
  clean: { accuracy: number | null; error: number };
  cells: ProbeCell[];
  /** Per corruption: mean error over severities. */
  corruptionError: Record<string, number>;
  /** The images that moved most: confidence drop of the clean class, largest first. */
  worst: { image: number; cell: string; confidenceDrop: number; cleanClass: number; predicted: number }[];
  summary(): string;
}

/** CE, relative CE and their means against a baseline probe (Hendrycks & Dietterich's definitions). */
export interface CorruptionErrors {
  ce: Record<string, number>;
  relativeCe: Record<string, number>;
  mCE: number;
  relativeMCE: number;
}

/** The 15 ImageNet-C benchmark corruptions (the first 15 of the reference's tuple). */
export const BENCHMARK_CORRUPTIONS: readonly CorruptionName[] = CORRUPTIONS.slice(0, 15);

function checkOptions(images: readonly RawImage[], o: ProbeOptions): void {
  if (!Array.isArray(images) || images.length === 0) throw new EdgeAugmentError('EMPTY_INPUT', 'probeRobustness: expected a non-empty array of images.');
  if (o.labels !== undefined && (!Array.isArray(o.labels) || o.labels.length !== images.length || !o.labels.every((l) => Number.isInteger(l) && l >= 0))) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `probeRobustness: labels must be one class index (integer ≥ 0) per image (${images.length}), got ${describeValue(o.labels)}.`);
  }
  for (const c of o.corruptions ?? []) if (!(CORRUPTIONS as readonly string[]).includes(c)) throw new EdgeAugmentError('INVALID_ARGUMENT', `probeRobustness: unknown corruption ${describeValue(c)}; known: ${CORRUPTIONS.join(', ')}.`);
  for (const s of o.severities ?? []) if (!Number.isInteger(s) || s < 1 || s > 5) throw new EdgeAugmentError('INVALID_ARGUMENT', `probeRobustness: severities are integers 1–5, got ${describeValue(s)}.`);
  if (o.batchSize !== undefined && !(Number.isInteger(o.batchSize) && o.batchSize >= 1 && o.batchSize <= 4096)) throw new EdgeAugmentError('INVALID_ARGUMENT', `probeRobustness: batchSize must be an integer 1–4096, got ${describeValue(o.batchSize)}.`);
}

async function predict(tf: Awaited<ReturnType<typeof appTf>>, model: ProbeModel, x: tfc.Tensor4D): Promise<Float32Array[]> {
  let y: unknown = typeof model === 'function' ? await model(x) : model.predict(x);
  if (Array.isArray(y)) y = y[0];
  else if (y && typeof y === 'object' && !(y instanceof tf.Tensor)) y = Object.values(y as Record<string, unknown>)[0];
  if (!(y instanceof tf.Tensor) || y.rank !== 2) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `probeRobustness: the model must return a [batch, classes] tensor of scores, got ${y instanceof tf.Tensor ? `shape [${y.shape}]` : describeValue(y)}.`);
  }
  const t = y as tfc.Tensor2D;
  try {
    const [n, k] = t.shape;
    const v = (await t.data()) as Float32Array;
    const rows: Float32Array[] = [];
    for (let i = 0; i < n; i++) {
      const r = v.slice(i * k, (i + 1) * k);
      // Scores that are not probabilities (logits) go through a softmax.
      let sum = 0;
      let neg = false;
      for (const x of r) { sum += x; if (x < 0) neg = true; }
      if (neg || Math.abs(sum - 1) > 1e-3) {
        const m = Math.max(...r);
        let z = 0;
        for (let j = 0; j < k; j++) { r[j] = Math.exp(r[j]! - m); z += r[j]!; }
        for (let j = 0; j < k; j++) r[j]! /= z;
      }
      rows.push(r);
    }
    return rows;
  } finally {
    t.dispose();
  }
}

const argmax = (r: Float32Array): number => {
  let b = 0;
  for (let j = 1; j < r.length; j++) if (r[j]! > r[b]!) b = j;
  return b;
};

/**
 * Probes a model under corruptions and perturbations.
 *
 * @example
 * ```ts
 * const model = await tf.loadLayersModel('model.json');
 * const r = await probeRobustness(model, images, { labels, severities: [1, 3, 5], perturbations: { jpeg20: [{ op: 'jpeg', quality: 20 }] } });
 * console.log(r.summary());
 * const { mCE } = corruptionErrors(r, baselineResult);
 * ```
 * @throws {EdgeAugmentError} `EMPTY_INPUT`, `INVALID_ARGUMENT`, `BACKEND_UNAVAILABLE` (no tfjs backend in the app); AbortError on abort.
 */
export async function probeRobustness(model: ProbeModel, images: readonly RawImage[], o: ProbeOptions = {}): Promise<ProbeResult> {
  checkOptions(images, o);
  const tf = await appTf('probeRobustness');
  const corruptions = o.corruptions ?? BENCHMARK_CORRUPTIONS;
  const severities = o.severities ?? [1, 2, 3, 4, 5];
  const perturbations = Object.entries(o.perturbations ?? {});
  const batch = o.batchSize ?? 32;
  const jobs: { name: string; kind: 'corruption' | 'perturbation'; severity: number | null; pipeline: PipelineJSON | null }[] = [
    { name: 'clean', kind: 'perturbation', severity: null, pipeline: null },
    ...corruptions.flatMap((c) => severities.map((s) => ({ name: c, kind: 'corruption' as const, severity: s, pipeline: [{ op: 'corruption', corruption: c, severity: s }] }))),
    ...perturbations.map(([name, pipeline]) => ({ name, kind: 'perturbation' as const, severity: null, pipeline })),
  ];
  const floatOpts = { rescale: o.rescale ?? 1 / 255, ...(o.normalize ? { normalize: o.normalize } : {}) };
  const identity = await createAugmenter({ pipeline: [{ op: 'identity' }], seed: o.seed ?? 0, workers: o.workers ?? 0, ...floatOpts });
  let clean: Float32Array[] = [];
  const cells: ProbeCell[] = [];
  const worst: ProbeResult['worst'] = [];
  try {
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[j]!;
      if (o.signal?.aborted) throw abortError(o.signal.reason);
      const aug = job.pipeline ? await createAugmenter({ pipeline: job.pipeline, seed: o.seed ?? 0, workers: o.workers ?? 0, ...floatOpts }) : identity;
      const scores: Float32Array[] = [];
      try {
        for (let b = 0; b < images.length; b += batch) {
          const chunk = images.slice(b, b + batch);
          const r = await aug.augmentBatch(chunk as RawImage[], { output: 'float32', startIndex: b, signal: o.signal });
          const { width: w, height: h, channels: c } = r.items[0]!;
          const all = new Float32Array(r.items.length * w * h * c);
          r.items.forEach((it, k) => {
            if (it.width !== w || it.height !== h || it.channels !== c) throw new EdgeAugmentError('INVALID_ARGUMENT', `probeRobustness: the images (after '${job.name}') must share one size for a batch; image ${b + k} is ${it.width}×${it.height}×${it.channels}, not ${w}×${h}×${c}.`);
            all.set(it.data, k * w * h * c);
          });
          const x = tf.tensor4d(all, [r.items.length, h, w, c], 'float32');
          try {
            scores.push(...(await predict(tf, model, x)));
          } finally {
            x.dispose();
          }
        }
      } finally {
        if (aug !== identity) await aug.close();
      }
      if (j === 0) clean = scores;
      const n = scores.length;
      let correct = 0, flips = 0, drop = 0;
      scores.forEach((s, i) => {
        const p = argmax(s);
        const c0 = argmax(clean[i]!);
        if (o.labels && p === o.labels[i]) correct++;
        if (p !== c0) flips++;
        const d = clean[i]![c0]! - s[c0]!;
        drop += d;
        if (j > 0) worst.push({ image: i, cell: job.severity ? `${job.name}@${job.severity}` : job.name, confidenceDrop: d, cleanClass: c0, predicted: p });
      });
      const accuracy = o.labels ? correct / n : null;
      const cell: ProbeCell = { name: job.name, kind: job.kind, severity: job.severity, accuracy, error: accuracy !== null ? 1 - accuracy : flips / n, flipRate: flips / n, confidenceDrop: drop / n, n };
      cells.push(cell);
      o.onProgress?.(j + 1, jobs.length);
    }
  } finally {
    await identity.close();
  }
  const [cleanCell, ...rest] = cells;
  const corruptionError: Record<string, number> = {};
  for (const c of corruptions) {
    const es = rest.filter((x) => x.kind === 'corruption' && x.name === c).map((x) => x.error);
    corruptionError[c] = es.reduce((a, b) => a + b, 0) / es.length;
  }
  worst.sort((a, b) => b.confidenceDrop - a.confidenceDrop);
  const result: ProbeResult = {
    n: images.length,
    labelled: !!o.labels,
    clean: { accuracy: cleanCell!.accuracy, error: o.labels ? 1 - cleanCell!.accuracy! : 0 },
    cells: rest,
    corruptionError,
    worst: worst.slice(0, o.worst ?? 10),
    summary: () => summarize(result),
  };
  return result;
}

function summarize(r: ProbeResult): string {
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const lines = [`robustness probe: ${r.n} images, ${r.labelled ? `clean accuracy ${pct(r.clean.accuracy)}` : 'no labels (error = flip rate)'}`];
  const names = [...new Set(r.cells.map((c) => c.name))];
  for (const name of names) {
    const cs = r.cells.filter((c) => c.name === name);
    const row = cs.map((c) => `${c.severity ?? ''}${c.severity ? ':' : ''}${pct(r.labelled ? c.accuracy : c.flipRate)}`).join('  ');
    lines.push(`  ${name.padEnd(18)} ${r.labelled ? 'accuracy' : 'flips'} ${row}`);
  }
  return lines.join('\n');
}

/**
 * CE and mCE of `result` against a `baseline` probe result (the same corruptions and severities, e.g. the
 * app's previous model or a reference model): Hendrycks & Dietterich's definitions.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` when the two results do not cover the same cells, or a
 *   baseline error sum is 0.
 */
export function corruptionErrors(result: Pick<ProbeResult, 'cells' | 'clean'>, baseline: Pick<ProbeResult, 'cells' | 'clean'>): CorruptionErrors {
  const names = [...new Set(result.cells.filter((c) => c.kind === 'corruption').map((c) => c.name))];
  const ce: Record<string, number> = {};
  const relativeCe: Record<string, number> = {};
  for (const name of names) {
    const mine = result.cells.filter((c) => c.kind === 'corruption' && c.name === name);
    let e = 0, eb = 0, re = 0, reb = 0;
    for (const c of mine) {
      const b = baseline.cells.find((x) => x.kind === 'corruption' && x.name === name && x.severity === c.severity);
      if (!b) throw new EdgeAugmentError('INVALID_ARGUMENT', `corruptionErrors: the baseline has no ${name} at severity ${c.severity}.`);
      e += c.error;
      eb += b.error;
      re += c.error - result.clean.error;
      reb += b.error - baseline.clean.error;
    }
    if (eb === 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `corruptionErrors: the baseline's errors on ${name} sum to 0 (CE undefined).`);
    ce[name] = e / eb;
    relativeCe[name] = reb === 0 ? NaN : re / reb;
  }
  const mean = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0) / Math.max(1, Object.keys(o).length);
  return { ce, relativeCe, mCE: mean(ce), relativeMCE: mean(relativeCe) };
}
