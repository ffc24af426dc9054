/**
 * Counter-based randomness: every draw is a pure function of (seed, item index, draw number), so the
 * params of item i never depend on which worker ran it, in which order, or in which runtime.
 * Integer-only (Math.imul, shifts), hence bit-identical in every JavaScript engine.
 */

/** A 32-bit avalanche mix (the "lowbias32" finaliser family). */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** Hashes (seed, index, stream, counter) to 32 bits. Inputs are taken modulo 2³². */
export function hash4(seed: number, index: number, stream: number, counter: number): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  h = mix32(h ^ (index >>> 0));
  h = mix32(h ^ Math.imul((index / 4294967296) >>> 0, 0x85ebca6b) ^ (stream >>> 0));
  h = mix32(h ^ Math.imul(counter >>> 0, 0xc2b2ae35) ^ 0x27d4eb2f);
  return h;
}

/**
 * A deterministic stream of uniform doubles for one item. Draw k of item i under seed s is
 * `u(s, i, k)`: 53 random bits in [0, 1).
 */
export class ItemRandom {
  private counter = 0;
  constructor(readonly seed: number, readonly index: number, readonly stream = 0) {}

  /** Uniform in [0, 1) with 53 bits. */
  next(): number {
    const c = this.counter;
    this.counter += 2;
    const hi = hash4(this.seed, this.index, this.stream, c) >>> 5; // 27 bits
    const lo = hash4(this.seed, this.index, this.stream, c + 1) >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [lo, hi) — numpy's `uniform(lo, hi)`: lo + (hi − lo)·u. */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [0, n) — numpy's `choice(n)`. */
  int(n: number): number {
    return Math.min(n - 1, Math.floor(this.next() * n));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }
}

/** Normalises a user seed (any safe integer, or a string) to 32 bits. */
export function normalizeSeed(seed: number | string | undefined): number {
  if (seed === undefined) return 0;
  if (typeof seed === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }
  if (!Number.isFinite(seed) || !Number.isInteger(seed)) return NaN;
  return (seed >>> 0) ^ Math.imul((seed / 4294967296) >>> 0, 0x9e3779b1) >>> 0;
}
