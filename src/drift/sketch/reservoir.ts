/**
 * Bounded uniform sample of vectors, mergeable: every vector gets a seeded random key in [0, 1) and
 * the sample is the `size` vectors with the smallest keys ("bottom-k" sampling). Merge is the union
 * cut back to the smallest keys, so it is exactly associative and commutative, and the result is a
 * uniform sample without replacement of everything seen. Vectors are stored as float32 and
 * serialised as base64 (4 bytes per value instead of ~19 characters).
 */
import { EdgeAugmentError } from '../../errors.js';
import { SeededRng } from './rng.js';
import { JSON_LIMITS, arr, int, invalid, literal, num, obj, parseInput, str } from './json.js';

/** Default reservoir size. */
export const DEFAULT_RESERVOIR_SIZE = 128;

/** JSON form of {@link VectorReservoir}. */
export interface VectorReservoirJSON {
  type: 'reservoir';
  size: number;
  dim: number;
  n: number;
  rngState: number;
  keys: number[];
  /** base64 of the little-endian float32 values, `keys.length × dim` of them. */
  data: string;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string, path: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) invalid(path, 'not base64');
  let bin: string;
  try { bin = atob(s); } catch { invalid(path, 'not base64'); }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Seeded, mergeable uniform sample of fixed-dimension vectors.
 *
 * @example
 * ```ts
 * const r = new VectorReservoir({ size: 128, dim: 512, seed: 7 });
 * for (const v of embeddings) r.update(v);
 * r.vectors(); // Float32Array[]
 * ```
 */
export class VectorReservoir {
  /** Most vectors kept. */
  readonly size: number;
  /** Vector dimension. */
  readonly dim: number;
  private _n = 0;
  private rng: SeededRng;
  private items: { key: number; v: Float32Array }[] = [];

  /** @throws EdgeAugmentError `INVALID_ARGUMENT` for a bad size or dimension. */
  constructor(options: { size?: number; dim: number; seed?: number }) {
    const size = options.size ?? DEFAULT_RESERVOIR_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > JSON_LIMITS.maxReservoir) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Reservoir size must be an integer in [0, ${JSON_LIMITS.maxReservoir}], got ${size}.`);
    }
    if (!Number.isInteger(options.dim) || options.dim < 1 || options.dim > JSON_LIMITS.maxVectorDim) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Vector dimension must be an integer in [1, ${JSON_LIMITS.maxVectorDim}], got ${options.dim}.`);
    }
    if (size * options.dim > JSON_LIMITS.maxReservoirValues) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Reservoir of ${size} × ${options.dim} values exceeds ${JSON_LIMITS.maxReservoirValues}; lower the size.`);
    }
    this.size = size;
    this.dim = options.dim;
    this.rng = new SeededRng(options.seed ?? 0);
  }

  /** Vectors seen. */
  get n(): number { return this._n; }

  private insert(key: number, v: Float32Array): void {
    const items = this.items;
    if (items.length >= this.size && (this.size === 0 || key >= items[items.length - 1].key)) return;
    let lo = 0, hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (items[mid].key <= key) lo = mid + 1; else hi = mid;
    }
    items.splice(lo, 0, { key, v });
    if (items.length > this.size) items.pop();
  }

  /**
   * Offers one vector (copied to float32).
   * @throws EdgeAugmentError `INVALID_ARGUMENT` on a dimension mismatch.
   */
  update(v: ArrayLike<number>): void {
    if (v.length !== this.dim) throw new EdgeAugmentError('INVALID_ARGUMENT', `Vector has ${v.length} values, expected ${this.dim}.`);
    this._n++;
    const key = this.rng.next();
    if (this.items.length >= this.size && (this.size === 0 || key >= this.items[this.items.length - 1].key)) return;
    this.insert(key, Float32Array.from(v));
  }

  /** The sampled vectors (copies), in key order. */
  vectors(): Float32Array[] {
    return this.items.map((it) => it.v.slice());
  }

  /**
   * Union cut to the smallest keys (in place); returns `this`.
   * @throws EdgeAugmentError `INVALID_ARGUMENT` when sizes or dimensions differ.
   */
  merge(other: VectorReservoir): this {
    if (other.size !== this.size || other.dim !== this.dim) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Cannot merge reservoirs of different size/dim (${this.size}×${this.dim} vs ${other.size}×${other.dim}).`);
    }
    for (const it of other.items) this.insert(it.key, it.v.slice());
    this._n += other._n;
    // Symmetric state update so merge order does not change future keys.
    this.rng.state = (this.rng.state ^ other.rng.state) >>> 0;
    return this;
  }

  /** A deep copy. */
  clone(): VectorReservoir {
    return VectorReservoir.fromJSON(this.toJSON());
  }

  /** Plain JSON form. */
  toJSON(): VectorReservoirJSON {
    const flat = new Float32Array(this.items.length * this.dim);
    this.items.forEach((it, i) => flat.set(it.v, i * this.dim));
    const bytes = new Uint8Array(flat.length * 4);
    const dv = new DataView(bytes.buffer);
    for (let i = 0; i < flat.length; i++) dv.setFloat32(i * 4, flat[i], true);
    return { type: 'reservoir', size: this.size, dim: this.dim, n: this._n, rngState: this.rng.state, keys: this.items.map((it) => it.key), data: toBase64(bytes) };
  }

  /**
   * Rebuilds a reservoir from JSON.
   * @throws EdgeAugmentError `INVALID_PROFILE` for anything malformed.
   */
  static fromJSON(input: unknown, path = '$'): VectorReservoir {
    const o = obj(typeof input === 'string' ? parseInput(input, path) : input, path, ['type', 'size', 'dim', 'n', 'rngState', 'keys', 'data']);
    literal(o.type, `${path}.type`, 'reservoir');
    const size = int(o.size, `${path}.size`, 0, JSON_LIMITS.maxReservoir);
    const dim = int(o.dim, `${path}.dim`, 1, JSON_LIMITS.maxVectorDim);
    if (size * dim > JSON_LIMITS.maxReservoirValues) invalid(path, 'size × dim exceeds the limit');
    const r = new VectorReservoir({ size, dim });
    r._n = int(o.n, `${path}.n`);
    r.rng.state = int(o.rngState, `${path}.rngState`, 0, 0xffffffff);
    const keys = arr(o.keys, `${path}.keys`, size);
    if (keys.length !== Math.min(size, r._n)) invalid(`${path}.keys`, `expected min(size, n) = ${Math.min(size, r._n)} keys`);
    const data = str(o.data, `${path}.data`, Math.ceil((size * dim * 4) / 3) * 4 + 4);
    const bytes = fromBase64(data, `${path}.data`);
    if (bytes.length !== keys.length * dim * 4) invalid(`${path}.data`, `expected ${keys.length * dim * 4} bytes`);
    const dv = new DataView(bytes.buffer);
    let prev = -1;
    for (let i = 0; i < keys.length; i++) {
      const key = num(keys[i], `${path}.keys[${i}]`);
      if (key < 0 || key >= 1 || key < prev) invalid(`${path}.keys[${i}]`, 'keys must be sorted in [0, 1)');
      prev = key;
      const v = new Float32Array(dim);
      for (let j = 0; j < dim; j++) {
        const x = dv.getFloat32((i * dim + j) * 4, true);
        if (!Number.isFinite(x)) invalid(`${path}.data`, 'non-finite value');
        v[j] = x;
      }
      r.items.push({ key, v });
    }
    return r;
  }
}
