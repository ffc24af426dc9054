/**
 * Per-op random streams: op at pipeline path `path` draws from stream `hashPath(path)` of the
 * counter-based generator, so its draws depend only on (seed, item index, path) — never on which other
 * ops exist, ran or were skipped.
 */
import { ItemRandom } from '../../plan/rng.js';

/** FNV-1a of the path, 32 bits (stream 0..9 belong to the Keras sampler's legacy streams: avoided). */
export function hashPath(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  h >>>= 0;
  return h < 16 ? h + 16 : h;
}

/** The random stream one op draws from, with the distributions ops need. */
export class OpRandom extends ItemRandom {
  private spare: number | null = null;

  constructor(seed: number, index: number, path: string) {
    super(seed, index, hashPath(path));
  }

  /** An integer in [lo, hi] (both inclusive) — torch.randint(lo, hi + 1). */
  intIn(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** Standard normal (Box–Muller; deterministic, pairs cached). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Gamma(shape, 1) (Marsaglia–Tsang; shape < 1 by boosting). */
  gamma(shape: number): number {
    if (shape < 1) {
      const u = this.next();
      return this.gamma(shape + 1) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Beta(a, b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x + y === 0 ? 0.5 : x / (x + y);
  }

  /** Dirichlet with every concentration `alpha`, `k` components. */
  dirichlet(alpha: number, k: number): number[] {
    const g = Array.from({ length: k }, () => this.gamma(alpha));
    const s = g.reduce((a, b) => a + b, 0);
    return s === 0 ? g.map(() => 1 / k) : g.map((x) => x / s);
  }

  /** A random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): number[] {
    const a = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }

  /** A 32-bit seed for pixel-level randomness (noise) that the params carry for replay. */
  seed32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}
