/**
 * `gamma`: torchvision 0.14 `F.adjust_gamma(img, gamma, gain)` — a table: x = v/255 (float32),
 * clamp(gain · x^gamma, 0, 1) × 255.999 truncated (torch's float→uint8 `convert_image_dtype`). torch's
 * special exponents (0, 0.5, 1, 2, 3) are reproduced exactly; other exponents use a correctly rounded
 * power where torch uses SLEEF's (≤ 1 ulp). The tables agree byte for byte for every exponent the
 * goldens try (100 from 0.05 to 5 on all 256 levels, and more on photos); an exponent where the two powers
 * straddle a level boundary would differ by one level in that table entry.
 */
import type { OpDef, Stage } from '../core/types.js';
import type { LutStage } from '../stages/lut.js';
import { f32, truncU8 } from '../stages/util.js';

/** torch's float32 `x ** e` for a scalar exponent. */
function powF32(x: number, e: number): number {
  if (e === 0) return 1;
  if (e === 1) return x;
  if (e === 0.5) return f32(Math.sqrt(x));
  if (e === 2) return f32(x * x);
  if (e === 3) return f32(f32(x * x) * x);
  return f32(Math.pow(x, e));
}

/** The adjust_gamma table. */
export function gammaTable(gamma: number, gain: number): Uint8Array {
  const e = f32(gamma);
  const k = f32(gain);
  const m = f32(255.999);
  const t = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    const y = Math.min(1, Math.max(0, f32(k * powF32(f32(v / 255), e))));
    t[v] = truncU8(f32(y * m));
  }
  return t;
}

/** The stages of adjust_gamma(gamma, gain). */
export function gammaStages(gamma: number, gain: number): Stage[] {
  return [{ kind: 'lut', tables: gammaTable(gamma, gain) } as LutStage];
}

export const op: OpDef<{ gamma: readonly [number, number]; gain: number }, { gamma: number; gain: number }> = {
  name: 'gamma',
  summary: 'Gamma curve gain · x^gamma on [0, 1] levels (< 1 brightens, > 1 darkens); torchvision adjust_gamma.',
  reference: 'torchvision 0.14 F.adjust_gamma',
  example: { gamma: 0.5 },
  config: {
    gamma: { type: 'range', min: 0, scalar: (x) => [x, x], doc: 'exponent: a number, or [lo, hi] drawn uniformly' },
    gain: { type: 'number', default: 1, doc: 'multiplier after the power (default 1)' },
  },
  params: {
    gamma: { type: 'number', min: 0, doc: 'exponent (≥ 0)' },
    gain: { type: 'number', default: 1, doc: 'multiplier (default 1)' },
  },
  sample: (c, rng) => ({ gamma: rng.uniform(c.gamma[0], c.gamma[1]), gain: c.gain }),
  lower: (p) => gammaStages(p.gamma, p.gain),
};
