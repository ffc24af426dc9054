/**
 * Attack-family fingerprint: which corruption or perturbation family the current images most
 * resemble, from the image-feature profiles alone (issue 14 §4).
 *
 * Signature. For every image feature f of `featuresToRecord` (geometry excluded), values go through
 * g(x) = log(x + δ_f), δ_f = 0.1 × the clean bank images' mean of f (features are ≥ 0; the log makes a
 * multiplicative change — blur dividing sharpness by 5 — one additive shift whatever the image), and
 * the signature of a data set against a reference is the vector of standardised mean shifts
 * d_f = (E_cur g − E_ref g) / sd_ref g.
 *
 * Bank. A {@link SignatureBank} holds, per family and severity 1–5, the signature of the bank's clean
 * reference images against the *same* images under that family (paired, so it is the family's effect,
 * not sampling noise). Profiles do not keep images: build the bank from a sample of reference images
 * with `buildSignatureBank` (client layer), store it as JSON beside the reference profile.
 *
 * Matching. Each family is a path 0 → μ₁ → … → μ₅ in signature space. The current signature d is
 * compared with every path: the distance to the nearest point of the path, the expected sampling noise
 * p·(1/n_ref + 1/n_cur) removed, divided by |d|, is the family's relative distance ρ (0 = exactly on the
 * path). The answer is the family with the smallest ρ, its severity the nearest point's position on the
 * path (rounded, ≥ 1). "None of these" when (a) no feature moved beyond sampling noise — max |d_f| /
 * √(1/n_ref + 1/n_cur) below the two-sided Bonferroni normal quantile at `alpha` (false answers ≤ α on
 * same-distribution data) — or (b) the best ρ is above `maxDistance` (the shift is real but unlike every
 * family: honest drift, or an attack the bank does not know). Confidence: exp(−ρ²/2s²) of the best family
 * normalised over all families (s = 0.15) — how clearly it beats the others, not a calibrated probability.
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import type { NumericFeatureProfile, Profile } from './profile.js';
import { normPpf } from './stats/index.js';

/** A family a signature bank can hold: one of the 19 ImageNet-C corruption names, or `'overlay'` (a logo/watermark pasted on). */
export type FingerprintFamily = string;

/**
 * Format version of {@link SignatureBank}.
 * @example
 * ```ts
 * if (saved.formatVersion !== SIGNATURE_BANK_VERSION) bank = await buildSignatureBank(referenceImages);
 * ```
 */
export const SIGNATURE_BANK_VERSION = 1;

/**
 * Features a signature uses: the `featuresToRecord` columns without geometry (width, height, aspect ratio).
 * @example
 * ```ts
 * const moved = FINGERPRINT_FEATURES.filter((f) => Math.abs(fingerprint.shift[f]!) > 1);
 * ```
 */
export const FINGERPRINT_FEATURES: readonly string[] = /* #__PURE__ */ Object.freeze([
  'brightness', 'contrast', 'hue_mean', 'hue_std', 'saturation_mean', 'saturation_std', 'value_mean', 'value_std',
  'colorfulness', 'sharpness', 'entropy', 'edge_density', 'red_mean', 'green_mean', 'blue_mean',
]);

/** Signatures of attack families computed from reference images: plain JSON, store it beside the reference profile. */
export interface SignatureBank {
  type: 'edge-augment/signature-bank';
  formatVersion: 1;
  /** Feature names, in the order of every signature vector. */
  features: string[];
  /** δ_f of g(x) = log(x + δ_f), per feature. */
  offsets: number[];
  /** Clean images the signatures were computed from. */
  images: number;
  /** Per family: the severities and, for each, the signature (standardised shift per feature). */
  families: { family: FingerprintFamily; severities: number[]; shifts: number[][] }[];
}

/** Options of {@link fingerprintDrift}. */
export interface FingerprintOptions {
  /** Level of the "anything moved at all?" gate (default 0.01: ≤ 1 % false answers on unchanged data). */
  alpha?: number;
  /** Largest relative distance ρ to a family's path still named as that family (default 0.5). */
  maxDistance?: number;
  /** Raw current values per feature (used instead of the current profile's sketches, as in `compareProfiles`). */
  currentValues?: Readonly<Record<string, readonly number[]>>;
}

/** One family's fit. */
export interface FamilyMatch {
  family: FingerprintFamily;
  /** Nearest severity on the family's path (1–5). */
  severity: number;
  /** Relative distance ρ to the path (0 = on it). */
  distance: number;
}

/** What {@link fingerprintDrift} answers. */
export interface DriftFingerprint {
  /** The family the current data most resembles, or `'none'` ("none of these"). */
  family: FingerprintFamily | 'none';
  /** Severity 1–5 of that family (null for 'none'). */
  severity: number | null;
  /** 0–1: how clearly the family beats the others (0 for 'none'). */
  confidence: number;
  /** Relative distance of the best family's path (NaN when nothing moved). */
  distance: number;
  /** The next-best family (null when the bank has one family or nothing moved). */
  runnerUp: FamilyMatch | null;
  /** Why 'none', or what was matched, in one sentence. */
  description: string;
  /** The current signature: standardised shift per feature. */
  shift: Record<string, number>;
}

const PRETTY: Record<string, string> = {
  jpeg_compression: 'JPEG re-encoding', gaussian_noise: 'Gaussian noise', shot_noise: 'shot noise', impulse_noise: 'impulse noise',
  speckle_noise: 'speckle noise', defocus_blur: 'defocus blur', glass_blur: 'glass blur', motion_blur: 'motion blur', zoom_blur: 'zoom blur',
  gaussian_blur: 'Gaussian blur', snow: 'snow', frost: 'frost', fog: 'fog', spatter: 'spatter', brightness: 'brightness', contrast: 'contrast (reduced)',
  saturate: 'saturation', elastic_transform: 'elastic transform', pixelate: 'pixelation', overlay: 'an image overlay (logo / watermark)',
};

/** A readable name of a family. */
export function familyLabel(family: string): string {
  return PRETTY[family] ?? family;
}

/** Weighted values of a numeric feature: raw values when given or kept, else the KLL sketch's. */
function featureValues(f: NumericFeatureProfile, raw?: readonly number[]): { values: ArrayLike<number>; weights: ArrayLike<number> | null } {
  if (raw) return { values: raw.filter((x) => Number.isFinite(x)), weights: null };
  if (f.raw) return { values: f.raw, weights: null };
  return f.kll.weightedValues();
}

/** Mean and std of g(x) = log(x + δ) over weighted values. */
function logMoments(values: ArrayLike<number>, weights: ArrayLike<number> | null, delta: number): { mean: number; sd: number; n: number } {
  let n = 0, s = 0;
  for (let i = 0; i < values.length; i++) { const w = weights ? weights[i]! : 1; n += w; s += w * Math.log(Math.max(values[i]!, 0) + delta); }
  const mean = n ? s / n : NaN;
  let v = 0;
  for (let i = 0; i < values.length; i++) { const w = weights ? weights[i]! : 1; const t = Math.log(Math.max(values[i]!, 0) + delta) - mean; v += w * t * t; }
  return { mean, sd: n > 1 ? Math.sqrt(v / n) : 0, n };
}

/** Smallest sd a signature divides by (log units): a feature that never varies in the reference does not explode. */
const SD_FLOOR = 0.01;

/** Standardised shifts of `cur` against `ref`, feature by feature (values as plain arrays). */
export function signatureOf(ref: readonly ArrayLike<number>[], cur: readonly ArrayLike<number>[], offsets: readonly number[]): number[] {
  return offsets.map((delta, f) => {
    const r = logMoments(ref[f]!, null, delta), c = logMoments(cur[f]!, null, delta);
    return (c.mean - r.mean) / Math.max(r.sd, SD_FLOOR);
  });
}

/** Offsets δ_f = 0.1 × mean (plus a tiny floor) from clean values per feature. */
export function offsetsOf(clean: readonly ArrayLike<number>[]): number[] {
  return clean.map((v) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += Math.max(0, v[i]!);
    return 0.1 * (v.length ? s / v.length : 0) + 1e-6;
  });
}

/**
 * Validates a signature bank (object or JSON string).
 * @throws EdgeAugmentError `INVALID_ARGUMENT` naming the offending field.
 * @example
 * ```ts
 * const bank = parseSignatureBank(localStorage.getItem('bank')!);
 * ```
 */
export function parseSignatureBank(input: unknown): SignatureBank {
  let o: unknown = input;
  if (typeof o === 'string') {
    try { o = JSON.parse(o); } catch { throw new EdgeAugmentError('INVALID_ARGUMENT', 'Signature bank: not valid JSON.'); }
  }
  const bad = (what: string): never => { throw new EdgeAugmentError('INVALID_ARGUMENT', `Signature bank: ${what}.`); };
  if (!o || typeof o !== 'object') return bad(`expected an object, got ${describeValue(o)}`);
  const b = o as Record<string, unknown>;
  if (b.type !== 'edge-augment/signature-bank') bad(`type must be 'edge-augment/signature-bank', got ${describeValue(b.type)}`);
  if (b.formatVersion !== SIGNATURE_BANK_VERSION) bad(`unsupported formatVersion ${describeValue(b.formatVersion)} (this build reads ${SIGNATURE_BANK_VERSION})`);
  const feats = b.features, offs = b.offsets, fams = b.families;
  if (!Array.isArray(feats) || !feats.length || feats.length > 64 || !feats.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 256)) bad('features must be 1–64 non-empty names');
  const p = (feats as string[]).length;
  if (!Array.isArray(offs) || offs.length !== p || !offs.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0)) bad(`offsets must be ${p} finite numbers > 0`);
  if (!Number.isInteger(b.images) || (b.images as number) < 1) bad(`images must be an integer ≥ 1, got ${describeValue(b.images)}`);
  if (!Array.isArray(fams) || !fams.length || fams.length > 256) bad('families must be a non-empty array (≤ 256)');
  const seen = new Set<string>();
  (fams as unknown[]).forEach((f, i) => {
    const e = f as Record<string, unknown>;
    if (!e || typeof e !== 'object' || typeof e.family !== 'string' || !e.family) bad(`families[${i}].family must be a name`);
    if (seen.has(e.family as string)) bad(`families[${i}]: duplicate family ${JSON.stringify(e.family)}`);
    seen.add(e.family as string);
    const sev = e.severities, sh = e.shifts;
    if (!Array.isArray(sev) || !sev.length || sev.length > 16 || !sev.every((s, k) => typeof s === 'number' && Number.isFinite(s) && s > 0 && (k === 0 || s > sev[k - 1]))) bad(`families[${i}].severities must be increasing numbers > 0`);
    if (!Array.isArray(sh) || sh.length !== (sev as unknown[]).length || !sh.every((v) => Array.isArray(v) && v.length === p && v.every((x) => typeof x === 'number' && Number.isFinite(x)))) bad(`families[${i}].shifts must hold one vector of ${p} finite numbers per severity`);
  });
  return structuredClone(o) as SignatureBank;
}

/** Nearest point of the path 0 → v₁ → … → v_k to d: squared distance and position (segment index + t, 0 = origin). */
function nearestOnPath(d: readonly number[], path: readonly (readonly number[])[]): { dist2: number; pos: number } {
  let best = { dist2: Infinity, pos: 0 };
  let prev: readonly number[] = d.map(() => 0);
  path.forEach((next, k) => {
    let ab2 = 0, ad = 0;
    for (let f = 0; f < d.length; f++) { const ab = next[f]! - prev[f]!; ab2 += ab * ab; ad += ab * (d[f]! - prev[f]!); }
    // The last segment may be extended by half its length (stronger than the strongest severity).
    const tMax = k === path.length - 1 ? 1.5 : 1;
    const t = ab2 > 0 ? Math.min(tMax, Math.max(0, ad / ab2)) : 0;
    let dist2 = 0;
    for (let f = 0; f < d.length; f++) { const x = prev[f]! + t * (next[f]! - prev[f]!) - d[f]!; dist2 += x * x; }
    if (dist2 < best.dist2) best = { dist2, pos: k + t };
    prev = next;
  });
  return best;
}

const CONFIDENCE_SCALE = 0.15;

/**
 * Names the attack family the current data most resembles, or says "none of these".
 *
 * @param bank - signatures from the reference images ({@link SignatureBank}, e.g. from `buildSignatureBank`).
 * @param reference - the reference profile of image features (`buildProfile(images)`).
 * @param current - the current profile (or pass `options.currentValues`).
 * @example
 * ```ts
 * const fp = fingerprintDrift(bank, referenceProfile, currentProfile);
 * if (fp.family !== 'none') console.warn(`looks like ${fp.family} at severity ~${fp.severity}`);
 * ```
 * @throws EdgeAugmentError `INVALID_ARGUMENT` for a malformed bank or options, or profiles that lack the bank's features.
 */
export function fingerprintDrift(bank: SignatureBank, reference: Profile, current: Profile, options: FingerprintOptions = {}): DriftFingerprint {
  const b = parseSignatureBank(bank);
  const alpha = options.alpha ?? 0.01;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) throw new EdgeAugmentError('INVALID_ARGUMENT', `fingerprint alpha must be in (0, 1), got ${describeValue(alpha)}.`);
  const maxDistance = options.maxDistance ?? 0.5;
  if (typeof maxDistance !== 'number' || !(maxDistance > 0)) throw new EdgeAugmentError('INVALID_ARGUMENT', `fingerprint maxDistance must be a number > 0, got ${describeValue(maxDistance)}.`);
  // Current signature over the bank's features.
  const d: number[] = [];
  let nRef = Infinity, nCur = Infinity;
  b.features.forEach((name, f) => {
    const r = reference.feature(name), c = current.feature(name);
    const raw = options.currentValues?.[name];
    if (!r || r.kind !== 'numeric' || ((!c || c.kind !== 'numeric') && !raw)) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Fingerprint: feature ${JSON.stringify(name)} of the signature bank is not a numeric feature of both profiles (build them from images, or with featuresToRecord rows).`);
    }
    const rv = featureValues(r), cv = featureValues(c as NumericFeatureProfile ?? r, raw);
    const rm = logMoments(rv.values, rv.weights, b.offsets[f]!), cm = logMoments(cv.values, cv.weights, b.offsets[f]!);
    nRef = Math.min(nRef, rm.n); nCur = Math.min(nCur, cm.n);
    d.push((cm.mean - rm.mean) / Math.max(rm.sd, SD_FLOOR));
  });
  const shift: Record<string, number> = {};
  b.features.forEach((name, f) => { shift[name] = d[f]!; });
  const none = (description: string, distance: number, runnerUp: FamilyMatch | null): DriftFingerprint =>
    ({ family: 'none', severity: null, confidence: 0, distance, runnerUp, description, shift });
  if (!(nRef >= 2 && nCur >= 2)) return none('None of these: fewer than 2 values on one side.', NaN, null);
  const p = d.length;
  const se = Math.sqrt(1 / nRef + 1 / nCur);
  const zMax = Math.max(...d.map((x) => Math.abs(x) / se));
  const zCrit = normPpf(1 - alpha / (2 * p));
  if (!(zMax >= zCrit)) return none(`None of these: no feature moved beyond sampling noise (max |z| = ${zMax.toFixed(2)} < ${zCrit.toFixed(2)}).`, NaN, null);
  let norm2 = 0;
  for (const x of d) norm2 += x * x;
  const noise2 = p * se * se;
  const matches: (FamilyMatch & { pos: number })[] = b.families.map((fam) => {
    const { dist2, pos } = nearestOnPath(d, fam.shifts);
    const rho = Math.sqrt(Math.max(0, dist2 - noise2) / norm2);
    // Position → severity: between severities k and k+1 the nearer one; before the first, the first.
    const idx = Math.min(fam.severities.length - 1, Math.max(0, Math.round(pos) - 1));
    return { family: fam.family, severity: fam.severities[idx]!, distance: rho, pos };
  }).sort((x, y) => x.distance - y.distance);
  const best = matches[0]!;
  const second = matches[1] ? { family: matches[1].family, severity: matches[1].severity, distance: matches[1].distance } : null;
  if (!(best.distance <= maxDistance)) {
    return none(`None of these: the shift is real (max |z| = ${zMax.toFixed(1)}) but unlike every family in the bank (nearest: ${familyLabel(best.family)}, relative distance ${best.distance.toFixed(2)} > ${maxDistance}).`, best.distance, { family: best.family, severity: best.severity, distance: best.distance });
  }
  let total = 0;
  for (const m of matches) total += Math.exp(-((m.distance / CONFIDENCE_SCALE) ** 2) / 2);
  const confidence = Math.exp(-((best.distance / CONFIDENCE_SCALE) ** 2) / 2) / total;
  const description = `Looks like ${familyLabel(best.family)} at severity ~${best.severity} (confidence ${confidence.toFixed(2)}, relative distance ${best.distance.toFixed(2)}${second ? `; runner-up: ${familyLabel(second.family)} ${second.distance.toFixed(2)}` : ''}).`;
  return { family: best.family, severity: best.severity, confidence, distance: best.distance, runnerUp: second, description, shift };
}
