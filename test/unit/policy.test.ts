/**
 * Policy ops (randAugment, trivialAugmentWide, autoAugment, augMix): our op tables and magnitude bins =
 * torchvision 0.14's `_augmentation_space` / `_get_policies` (test/goldens/ops/policy/tables.json, made
 * by gen.py from torchvision itself), and the sampling frequencies over 10,000 draws of the real per-op
 * streams within binomial bounds. Pixels are checked in test/ops/policy.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OpRandom } from '../../src/ops/core/random.js';
import { compilePipeline } from '../../src/ops/core/pipeline.js';
import type { Expansion } from '../../src/ops/core/types.js';
import { getOp } from '../../src/ops/registry.js';
import { augMixSpace, autoAugmentSpace, linspaceF32, posterizeBins, randAugmentSpace, trivialAugmentSpace, type SpaceOp } from '../../src/ops/policy/space.js';
import { POLICIES } from '../../src/ops/auto-augment/index.js';

const TABLES = JSON.parse(readFileSync(new URL('../goldens/ops/policy/tables.json', import.meta.url), 'utf8'));
const N = 10_000;

type Leaf = Extract<Expansion, { op: string }>;

function plain(space: readonly SpaceOp[]): unknown[] {
  return space.map((s) => ({ name: s.name, signed: s.signed, magnitudes: s.magnitudes ? [...s.magnitudes] : null }));
}

/** Expands a policy node for items 0..n-1 of one seed with the real per-op stream. */
function draws(node: Record<string, unknown>, n = N, info = { width: 224, height: 224, channels: 3 as const }): Leaf[][] {
  const [c] = compilePipeline([node]);
  const def = getOp(c!.op)!;
  return Array.from({ length: n }, (_, i) => def.expand!(c!.config as never, new OpRandom(7, i, '0'), info, []) as Leaf[]);
}

/** |count − np| ≤ 5·sqrt(np(1 − p)) (deterministic streams; 5σ so a correct sampler never fails). */
function expectBinomial(count: number, n: number, p: number, what: string): void {
  const sd = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p), `${what}: ${count} of ${n}, expected ${(n * p).toFixed(1)} ± ${(5 * sd).toFixed(1)}`).toBeLessThanOrEqual(5 * sd + 1e-9);
}

const nameOf = (l: Leaf): string => l.key.split('.').pop()!;

describe('policy tables = torchvision 0.14 _augmentation_space (tables.json from gen.py)', () => {
  it('RandAugment: ops in order, signed flags, float32 magnitudes bit for bit, for several bin counts and image sizes', () => {
    expect(TABLES.randAugment.length).toBeGreaterThan(30);
    for (const t of TABLES.randAugment) expect(plain(randAugmentSpace(t.bins, t.width, t.height)), `${t.bins} bins, ${t.width}×${t.height}`).toEqual(t.space);
  });
  it('TrivialAugmentWide, AutoAugment (10 bins), AugMix (10 bins, all_ops on and off)', () => {
    for (const t of TABLES.trivialAugmentWide) expect(plain(trivialAugmentSpace(t.bins)), `${t.bins} bins`).toEqual(t.space);
    for (const t of TABLES.autoAugment) expect(plain(autoAugmentSpace(t.width, t.height)), `${t.width}×${t.height}`).toEqual(t.space);
    for (const t of TABLES.augMix) expect(plain(augMixSpace(t.width, t.height, t.allOps)), `${t.width}×${t.height} ${t.allOps}`).toEqual(t.space);
  });
  it('AutoAugment policies = _get_policies (ImageNet, CIFAR-10, SVHN)', () => {
    for (const p of ['imagenet', 'cifar10', 'svhn'] as const) expect(POLICIES[p].map((s) => s.map((x) => [...x]))).toEqual(TABLES.policies[p]);
  });
  it('the float32 linspace is not the naive one (the checks above can fail): 0…32 in 10 bins differs at bin 6', () => {
    const naive = Array.from({ length: 10 }, (_, j) => (j < 5 ? Math.fround(Math.fround(32 / 9) * j) : Math.fround(32 - Math.fround(Math.fround(32 / 9) * (9 - j)))));
    expect(linspaceF32(0, 32, 10)[6]).not.toBe(naive[6]);
    expect(posterizeBins(31, 8, 6)).toEqual([8, 8, 8, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2]);
  });
});

describe('policy sampling (10,000 draws of the per-op stream, binomial 5σ bounds)', () => {
  it('randAugment: each of the 14 ops with probability 1/14 per slot, signs ½, magnitude = bin `magnitude` of the table', () => {
    const space = randAugmentSpace(31, 224, 224);
    const out = draws({ op: 'randAugment', numOps: 1, magnitude: 9 });
    const counts = new Map<string, number>();
    for (const leaves of out) {
      expect(leaves.length).toBeLessThanOrEqual(1);
      const name = leaves[0] ? nameOf(leaves[0]) : 'Identity';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(space.map((s) => s.name).sort());
    for (const s of space) expectBinomial(counts.get(s.name)!, N, 1 / 14, s.name);
    // Signs: brightness factor 1 ± m9; rotate angle ± m9.
    const m9 = space.find((s) => s.name === 'Brightness')!.magnitudes![9]!;
    const b = out.flat().filter((l) => l.op === 'brightness').map((l) => l.params.factor as number);
    expect(new Set(b)).toEqual(new Set([1 + m9, 1 - m9]));
    expectBinomial(b.filter((f) => f < 1).length, b.length, 0.5, 'brightness sign');
    const r = out.flat().filter((l) => l.op === 'rotate').map((l) => l.params.angle as number);
    expect(new Set(r)).toEqual(new Set([Math.fround(9), -Math.fround(9)]));
    // Two ops per output, drawn independently (with replacement).
    const two = draws({ op: 'randAugment' }, 2000);
    expect(two.filter((l) => l.length === 2 && nameOf(l[0]!) === nameOf(l[1]!)).length).toBeGreaterThan(0);
  });

  it('trivialAugmentWide: ops 1/14, magnitude bins uniform over 31, signs ½', () => {
    const space = trivialAugmentSpace(31);
    const out = draws({ op: 'trivialAugmentWide' });
    const counts = new Map<string, number>();
    for (const leaves of out) counts.set(leaves[0] ? nameOf(leaves[0]) : 'Identity', (counts.get(leaves[0] ? nameOf(leaves[0]) : 'Identity') ?? 0) + 1);
    for (const s of space) expectBinomial(counts.get(s.name) ?? 0, N, 1 / 14, s.name);
    // Bins of the colour ops and rotate, from their params (factor − 1 or angle, unsigned).
    const bins = new Array(31).fill(0);
    let neg = 0;
    let total = 0;
    for (const l of out.flat()) {
      let m: number | undefined;
      let table: readonly number[] | undefined;
      if (l.op === 'rotate') { m = l.params.angle as number; table = space.find((s) => s.name === 'Rotate')!.magnitudes!; }
      if (l.op === 'brightness') { m = (l.params.factor as number) - 1; table = space.find((s) => s.name === 'Brightness')!.magnitudes!; }
      if (m === undefined || !table) continue;
      const k = table.findIndex((x) => Math.abs(x - Math.abs(m!)) < 1e-9);
      expect(k, `magnitude ${m} is a table value`).toBeGreaterThanOrEqual(0);
      bins[k]++;
      total++;
      if (m < 0) neg++;
    }
    // Bin 0 is 0 for both tables: its sign is invisible; the others are uniform.
    for (let k = 0; k < 31; k++) expectBinomial(bins[k], total, 1 / 31, `bin ${k}`);
    expectBinomial(neg, total - bins[0], 0.5, 'signs');
  });

  it('autoAugment: sub-policies 1/25, op i of a sub-policy runs with its probability', () => {
    for (const policy of ['imagenet', 'svhn'] as const) {
      const out = draws({ op: 'autoAugment', policy });
      const seen = new Map<string, number>();
      for (const leaves of out) for (const l of leaves) seen.set(l.key, (seen.get(l.key) ?? 0) + 1);
      const expected = new Map<string, number>();
      for (const sub of POLICIES[policy]) sub.forEach(([name, p], i) => expected.set(`${i}.${name}`, (expected.get(`${i}.${name}`) ?? 0) + p / 25));
      for (const [key, p] of expected) expectBinomial(seen.get(key) ?? 0, N, p, `${policy} ${key}`);
      expect([...seen.keys()].filter((k) => !expected.has(k))).toEqual([]);
    }
  });

  it('augMix: depths 1–3 uniform, ops 1/13 (1/9 without allOps), severity bins uniform, weights: Beta·Dirichlet summing to 1', () => {
    const space = augMixSpace(224, 224, true);
    const out = draws({ op: 'augMix' }, 4000);
    const depth = [0, 0, 0, 0];
    const ops = new Map<string, number>();
    let chains = 0;
    let w0 = 0;
    for (const [leaf] of out) {
      expect(leaf!.op).toBe('mixChains');
      const p = leaf!.params as { original: number; weights: number[]; chains: { op: string }[][] };
      expect(p.weights.length).toBe(3);
      expect(Math.abs(p.original + p.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
      for (const x of [p.original, ...p.weights]) expect(Math.fround(x)).toBe(x);
      w0 += p.original;
      for (const ch of p.chains) {
        depth[ch.length]++;
        chains++;
        for (const c of ch) ops.set(c.op, (ops.get(c.op) ?? 0) + 1);
      }
    }
    for (let d = 1; d <= 3; d++) expectBinomial(depth[d]!, chains, 1 / 3, `depth ${d}`);
    const calls = [...ops.values()].reduce((a, b) => a + b, 0);
    // Shear X/Y and translate X/Y are all 'affine': 4/13.
    expectBinomial(ops.get('affine')!, calls, 4 / 13, 'affine');
    for (const name of ['rotate', 'posterize', 'solarize', 'autocontrast', 'equalize', 'brightness', 'saturation', 'contrast', 'sharpness']) expectBinomial(ops.get(name)!, calls, 1 / 13, name);
    // Beta(1, 1) mean ½ (sd of the mean of 4,000 uniforms: 0.0046).
    expect(Math.abs(w0 / out.length - 0.5)).toBeLessThan(0.025);
    // Severity 3: solarize thresholds are bins 0..2 of linspace(255, 0, 10), uniformly.
    const sol = space.find((s) => s.name === 'Solarize')!.magnitudes!;
    const th = out.flatMap(([l]) => (l!.params.chains as { op: string; params: { threshold?: number } }[][]).flat().filter((c) => c.op === 'solarize').map((c) => c.params.threshold!));
    for (let k = 0; k < 3; k++) expectBinomial(th.filter((t) => t === sol[k]).length, th.length, 1 / 3, `solarize bin ${k}`);
    const few = draws({ op: 'augMix', allOps: false, chainDepth: 2, mixtureWidth: 1 }, 2000);
    const names = new Set(few.flatMap(([l]) => (l!.params.chains as { op: string }[][]).flat().map((c) => c.op)));
    expect([...names].sort()).toEqual(['affine', 'autocontrast', 'equalize', 'posterize', 'rotate', 'solarize']);
    for (const [l] of few) expect((l!.params.chains as unknown[][])[0]!.length).toBe(2);
  });

  it('draws depend only on (seed, index, path): the same item gives the same expansion', () => {
    const a = draws({ op: 'augMix' }, 20);
    const b = draws({ op: 'augMix' }, 20);
    expect(b).toEqual(a);
    expect(new Set(a.map((x) => JSON.stringify(x))).size).toBe(20);
  });
});

describe('policy configs', () => {
  it('bad configs are INVALID_SPEC naming the field', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ op: 'randAugment', magnitude: 31 }, 'magnitude'],
      [{ op: 'randAugment', numOps: -1 }, 'numOps'],
      [{ op: 'randAugment', numMagnitudeBins: 1 }, 'numMagnitudeBins'],
      [{ op: 'randAugment', interpolation: 'bicubic' }, 'interpolation'],
      [{ op: 'trivialAugmentWide', fill: [1, 2, 3, 4, 5] }, 'fill'],
      [{ op: 'autoAugment', policy: 'mnist' }, 'policy'],
      [{ op: 'augMix', severity: 11 }, 'severity'],
      [{ op: 'augMix', alpha: 0 }, 'alpha'],
      [{ op: 'augMix', mixtureWidth: 0 }, 'mixtureWidth'],
      [{ op: 'augMix', numOps: 2 }, 'numOps'],
      [{ op: 'mixChains', original: 0.5, weights: [0.5], chains: [[{ op: 'nope', params: {} }]] }, 'chains[0][0].op'],
      [{ op: 'mixChains', original: 0.5, weights: [0.5], chains: [] }, 'chains'],
      [{ op: 'mixChains', original: 0.5, weights: [0.5], chains: [[{ op: 'invert', params: { x: 1 } }]] }, 'x'],
    ];
    for (const [node, field] of bad) {
      let err: { code?: string; message?: string } | undefined;
      try { compilePipeline([node]); } catch (e) { err = e as never; }
      expect(err?.code, JSON.stringify(node)).toBe('INVALID_SPEC');
      expect(err?.message, JSON.stringify(node)).toContain(field);
    }
  });
});
