/**
 * A tiny seeded pseudo-random generator whose whole state is one uint32, so every sketch that
 * uses randomness (KLL compaction coins, reservoir keys, KSWIN sampling) can serialise it and
 * continue identically after `fromJSON`.
 */

/** Seeded generator (mulberry32). State is a single uint32 exposed as {@link SeededRng.state}. */
export class SeededRng {
  /** Current uint32 state; assign it to restore a saved generator. */
  state: number;

  /**
   * @param seed - any finite number; it is reduced to a uint32.
   * @example
   * ```ts
   * const r = new SeededRng(42); r.next(); // in [0, 1)
   * ```
   */
  constructor(seed = 0) {
    this.state = (Math.trunc(seed) >>> 0);
  }

  /** Next float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Next fair bit (0 or 1). */
  bit(): 0 | 1 {
    return this.next() < 0.5 ? 0 : 1;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** Mixes two uint32 states into one, symmetrically (used so `merge(a, b)` and `merge(b, a)` draw the same coins). */
export function mixSeeds(a: number, b: number): number {
  let h = (a ^ b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  // Add the (commutative) sum so that a === b still moves the state.
  return (h + ((a + b) >>> 0)) >>> 0;
}
