/**
 * Strict readers for sketch/profile JSON. Everything that comes from outside (storage, the network,
 * another worker) goes through these, and every failure is an `EdgeAugmentError('INVALID_PROFILE')`
 * naming the offending path.
 */
import { EdgeAugmentError } from '../../errors.js';

/** Hard limits that `fromJSON` enforces, so a hostile document cannot make us allocate without bound. */
export const JSON_LIMITS = /* #__PURE__ */ Object.freeze({
  /** Largest KLL `k`. */
  maxKllK: 65_536,
  /** Most KLL levels (2^64 items would be needed to exceed it). */
  maxKllLevels: 64,
  /** Most histogram edges. */
  maxHistogramEdges: 10_000,
  /** Largest frequent-items capacity. */
  maxFrequentCapacity: 100_000,
  /** Longest categorical value, in UTF-16 code units. */
  maxKeyLength: 1_024,
  /** Most exact distinct values kept per numeric feature. */
  maxDistinctCap: 10_000,
  /** Most features in a profile. */
  maxFeatures: 20_000,
  /** Longest feature name. */
  maxNameLength: 256,
  /** Largest vector dimension. */
  maxVectorDim: 65_536,
  /** Most vectors in a reservoir. */
  maxReservoir: 100_000,
  /** Most float32 values in one reservoir (size × dim). */
  maxReservoirValues: 1 << 24,
});

/** Throws the profile error for `path`. */
export function invalid(path: string, what: string): never {
  throw new EdgeAugmentError('INVALID_PROFILE', `Invalid profile JSON at ${path}: ${what}.`, { details: { path } });
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses a string (or passes an object through) and requires a plain object. */
export function parseInput(input: unknown, path = '$'): Record<string, unknown> {
  let v = input;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw new EdgeAugmentError('INVALID_PROFILE', `Invalid profile JSON: not parseable (${(e as Error).message}).`, { cause: e });
    }
  }
  return obj(v, path);
}

/** Requires a plain object without prototype-polluting keys; `allowed` lists the only keys it may have. */
export function obj(v: unknown, path: string, allowed?: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid(path, 'expected an object');
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) invalid(path, 'expected a plain object');
  for (const key of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(key)) invalid(`${path}.${key}`, 'forbidden key');
    if (allowed && !allowed.includes(key)) invalid(`${path}.${key}`, `unknown key (allowed: ${allowed.join(', ')})`);
  }
  return v as Record<string, unknown>;
}

/** A finite number. */
export function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) invalid(path, 'expected a finite number');
  return v;
}

/** A finite number or null (null is returned as `fallback`). */
export function numOr(v: unknown, path: string, fallback: number): number {
  if (v === null) return fallback;
  return num(v, path);
}

/** An integer in [min, max]. */
export function int(v: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = num(v, path);
  if (!Number.isInteger(n) || n < min || n > max) invalid(path, `expected an integer in [${min}, ${max}]`);
  return n;
}

/** A string of at most `maxLength` code units. */
export function str(v: unknown, path: string, maxLength: number = JSON_LIMITS.maxKeyLength): string {
  if (typeof v !== 'string') invalid(path, 'expected a string');
  if (v.length > maxLength) invalid(path, `string longer than ${maxLength}`);
  return v;
}

/** An array of at most `maxLength` items. */
export function arr(v: unknown, path: string, maxLength: number): unknown[] {
  if (!Array.isArray(v)) invalid(path, 'expected an array');
  if (v.length > maxLength) invalid(path, `array longer than the limit ${maxLength}`);
  return v;
}

/** An array of finite numbers. */
export function nums(v: unknown, path: string, maxLength: number): number[] {
  const a = arr(v, path, maxLength);
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = num(a[i], `${path}[${i}]`);
  return out;
}

/** A short description of any value that never recurses (safe for hostile, deeply nested input). */
export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return `a ${typeof v}`;
}

/** The literal `expected`. */
export function literal<T extends string | number>(v: unknown, path: string, expected: T): T {
  if (v !== expected) invalid(path, `expected ${JSON.stringify(expected)}, got ${describe(v)}`);
  return expected;
}
