/**
 * Image aspects and the family-wise dataset rule.
 *
 * A camera that went out of focus, a JPEG re-encoding, a noise injection, a darker scene: each moves
 * one aspect of the image, i.e. a few correlated features out of ~18. Evidently's share rule (dataset
 * drift when ≥ 50 % of the features drifted) was built for independent tabular columns and misses all
 * of them. For image profiles the default dataset rule is therefore family-wise ("Failing Loudly",
 * Rabanser et al. 2019): Holm's step-down correction over the features' p-values, dataset drift when
 * at least one corrected p-value is < α — a false-alarm rate ≤ α under any dependence between the
 * features. The features Holm rejects are grouped into aspects, and the aspect whose change is
 * largest *beyond what the other aspects explain* is named first:
 *
 * - light: |log| of the brightness and contrast ratios (current mean ÷ reference mean);
 * - texture: sharpness ∝ contrast², so |log(sharpness ratio) − 2·log(contrast ratio)|;
 * - colour: colourfulness ∝ contrast, so |log(colourfulness ratio) − log(contrast ratio)|;
 * - histograms (channel means, luma entropy): a channel's change beyond the brightness change;
 * - geometry: |log| of the width / height ratios.
 *
 * A contrast ×0.7 thus reads as light (saturation and sharpness fall too, as contrast predicts), a
 * blur or a JPEG re-encoding as texture.
 */
import { EdgeAugmentError, describeValue } from '../errors.js';

/** The aspects image features are grouped into. */
export type ImageAspect = 'light' | 'colour' | 'texture' | 'geometry' | 'histograms';

/** Feature → aspect, for the columns of `featuresToRecord`. */
export const IMAGE_ASPECTS: Readonly<Record<string, ImageAspect>> = /* #__PURE__ */ Object.freeze({
  brightness: 'light', contrast: 'light', value_mean: 'light', value_std: 'light',
  hue_mean: 'colour', hue_std: 'colour', saturation_mean: 'colour', saturation_std: 'colour', colorfulness: 'colour',
  sharpness: 'texture', edge_density: 'texture',
  width: 'geometry', height: 'geometry', aspect_ratio: 'geometry',
  red_mean: 'histograms', green_mean: 'histograms', blue_mean: 'histograms', entropy: 'histograms',
});

/** How a report decides dataset drift. */
export type DatasetRule = 'auto' | 'share' | 'familywise';

/** One drifted aspect of an image report. */
export interface AspectDrift {
  aspect: ImageAspect;
  /** Features of the aspect that Holm rejects, with the relative change of their mean (−0.41 = −41 %). */
  features: { name: string; change: number; adjustedPvalue: number }[];
  /** Smallest Holm-adjusted p-value in the aspect. */
  pvalue: number;
  /** Size of the change beyond what the other aspects explain (a log-ratio; see the module notes). */
  evidence: number;
  /** "texture: sharpness −73 %, edge density −18 % → blur- or compression-like". */
  description: string;
}

/** Minimum number of image-feature columns for a profile to count as an image profile. */
const MIN_IMAGE_FEATURES = 6;

/** True when the tested features look like `featuresToRecord` columns. */
export function isImageFeatureSet(names: readonly string[]): boolean {
  let n = 0;
  for (const name of names) if (Object.prototype.hasOwnProperty.call(IMAGE_ASPECTS, name)) n++;
  return n >= MIN_IMAGE_FEATURES;
}

/** Resolves `'auto'`: family-wise for image profiles, Evidently's share rule otherwise. */
export function resolveDatasetRule(rule: DatasetRule | undefined, names: readonly string[]): 'share' | 'familywise' {
  const r = rule ?? 'auto';
  if (r !== 'auto' && r !== 'share' && r !== 'familywise') {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `datasetRule must be 'auto', 'share' or 'familywise', got ${describeValue(r)}.`);
  }
  if (r !== 'auto') return r;
  return isImageFeatureSet(names) ? 'familywise' : 'share';
}

/**
 * Holm's step-down adjusted p-values (monotone, capped at 1), in input order.
 * @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holm(pvalues: readonly number[]): number[] {
  const m = pvalues.length;
  const order = pvalues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}

const PRETTY: Record<string, string> = {
  brightness: 'brightness', contrast: 'contrast', value_mean: 'value', value_std: 'value spread', hue_mean: 'hue', hue_std: 'hue spread',
  saturation_mean: 'saturation', saturation_std: 'saturation spread', colorfulness: 'colourfulness', sharpness: 'sharpness',
  edge_density: 'edge density', width: 'width', height: 'height', aspect_ratio: 'aspect ratio', red_mean: 'red', green_mean: 'green',
  blue_mean: 'blue', entropy: 'entropy',
};

function pct(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const v = Math.round(x * 100);
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v)} %`;
}

/** log of current mean ÷ reference mean, 0 when unknown or not positive. */
function logRatio(means: ReadonlyMap<string, { ref: number; cur: number }>, name: string): number {
  const m = means.get(name);
  if (!m || !(m.ref > 0) || !(m.cur > 0)) return 0;
  return Math.log(m.cur / m.ref);
}

/**
 * Groups Holm-rejected image features into aspects, most telling aspect first.
 *
 * @param rejected - features Holm rejects, with their adjusted p-values.
 * @param means - reference and current means of every tested feature.
 */
export function imageAspects(
  rejected: readonly { name: string; adjustedPvalue: number }[],
  means: ReadonlyMap<string, { ref: number; cur: number }>,
): AspectDrift[] {
  const groups = new Map<ImageAspect, { name: string; adjustedPvalue: number }[]>();
  for (const r of rejected) {
    const a = IMAGE_ASPECTS[r.name];
    if (!a) continue;
    if (!groups.has(a)) groups.set(a, []);
    groups.get(a)!.push(r);
  }
  const lr = (n: string) => logRatio(means, n);
  const b = lr('brightness'), c = lr('contrast');
  const evidence: Record<ImageAspect, number> = {
    light: Math.max(Math.abs(b), Math.abs(c), Math.abs(lr('value_mean')), Math.abs(lr('value_std'))),
    texture: Math.abs(lr('sharpness') - 2 * c),
    colour: Math.max(Math.abs(lr('colorfulness') - c), Math.abs(lr('saturation_mean')) / 2),
    histograms: Math.max(Math.abs(lr('red_mean') - b), Math.abs(lr('green_mean') - b), Math.abs(lr('blue_mean') - b)),
    geometry: Math.max(Math.abs(lr('width')), Math.abs(lr('height')), Math.abs(lr('aspect_ratio'))),
  };
  const change = (n: string) => {
    const m = means.get(n);
    return m && m.ref !== 0 ? m.cur / m.ref - 1 : NaN;
  };
  const out: AspectDrift[] = [];
  for (const [aspect, feats] of groups) {
    const list = feats
      .map((f) => ({ name: f.name, change: change(f.name), adjustedPvalue: f.adjustedPvalue }))
      .sort((x, y) => Math.abs(y.change || 0) - Math.abs(x.change || 0));
    const pvalue = Math.min(...list.map((f) => f.adjustedPvalue));
    out.push({ aspect, features: list, pvalue, evidence: evidence[aspect], description: describe(aspect, list, means, b, c) });
  }
  // Most telling first: the largest change beyond what the other aspects explain; ties by p-value.
  out.sort((x, y) => (y.evidence - x.evidence) || (x.pvalue - y.pvalue));
  return out;
}

function describe(aspect: ImageAspect, list: { name: string; change: number }[], means: ReadonlyMap<string, { ref: number; cur: number }>, b: number, c: number): string {
  const shown = list.slice(0, 3).map((f) => `${PRETTY[f.name] ?? f.name} ${pct(f.change)}`).join(', ');
  const lr = (n: string) => logRatio(means, n);
  let hint = '';
  switch (aspect) {
    case 'texture': {
      const t = lr('sharpness') - 2 * c;
      hint = t < 0 ? 'blur- or compression-like' : 'noise- or sharpening-like';
      break;
    }
    case 'light':
      hint = Math.abs(b) >= Math.abs(c) ? (b > 0 ? 'brighter' : 'darker') : (c > 0 ? 'more contrast' : 'less contrast');
      break;
    case 'colour': {
      const t = lr('colorfulness') - c, sat = lr('saturation_mean');
      const v = Math.abs(t) >= Math.abs(sat) ? t : sat;
      hint = Math.abs(v) < 0.05 ? 'hue distribution changed' : v > 0 ? 'more vivid colours' : 'washed-out colours';
      break;
    }
    case 'histograms': {
      const ch = (['red_mean', 'green_mean', 'blue_mean'] as const).map((n) => [n, lr(n) - b] as const).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))[0];
      hint = Math.abs(ch[1]) > 0.05 ? `${ch[1] > 0 ? 'more' : 'less'} ${PRETTY[ch[0]]} (colour cast)` : 'tonal distribution changed';
      break;
    }
    case 'geometry':
      hint = 'image size changed';
      break;
  }
  return `${aspect}: ${shown} → ${hint}`;
}
