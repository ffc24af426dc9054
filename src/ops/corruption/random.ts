/**
 * Pixel-level randomness of the corruptions: every number is a pure function of (seed, stream, counter)
 * through the SDK's counter hash, so a replay — in any runtime, worker or order — draws the same
 * numbers. Streams keep the purposes of one corruption apart (e.g. snow's flakes vs its angle).
 */
import { hash4 } from '../../plan/rng.js';

const INV32 = 1 / 4294967296;

/** A draw stream for one purpose of one corruption. */
export class PixelRandom {
  private n = 0;

  constructor(private readonly seed: number, private readonly stream: number) {}

  /** Uniform in (0, 1) from counter `i` (32 bits, never 0 or 1). */
  at(i: number): number {
    return (hash4(this.seed, (i / 4294967296) >>> 0, this.stream, i >>> 0) + 0.5) * INV32;
  }

  /** Uniform in [0, 1) with 53 bits (the next two counters). */
  next(): number {
    const hi = hash4(this.seed, 0, this.stream, this.n++) >>> 5;
    const lo = hash4(this.seed, 0, this.stream, this.n++) >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** numpy's uniform(lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** numpy's randint(lo, hi): an integer in [lo, hi). */
  randint(lo: number, hi: number): number {
    return lo + Math.min(hi - lo - 1, Math.floor(this.next() * (hi - lo)));
  }

  /**
   * `n` standard normals: Box–Muller on counters (2j, 2j+1) gives elements 2j (cos) and 2j+1 (sin).
   */
  normals(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let j = 0; 2 * j < n; j++) {
      const r = Math.sqrt(-2 * Math.log(this.at(2 * j)));
      const t = 2 * Math.PI * this.at(2 * j + 1);
      out[2 * j] = r * Math.cos(t);
      if (2 * j + 1 < n) out[2 * j + 1] = r * Math.sin(t);
    }
    return out;
  }
}

/** Stream ids (fixed: changing one changes the bytes of replays). */
export const STREAM = {
  noise: 1,
  noise2: 2,
  param: 3,
  glass: 4,
  layer: 5,
  plasma: 6,
  fieldX: 7,
  fieldY: 8,
} as const;
