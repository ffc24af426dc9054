/**
 * Shared machinery of the config importers (torchvision / albumentations / Keras 3): reading a source
 * transform's arguments with JSON paths in every error, unknown-class errors that name what we have
 * instead, and the per-node validation that turns a mapped node's error into one about the source path.
 * @internal
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import { compilePipeline, type PipelineNodeJSON } from '../ops/core/pipeline.js';
import { getOp } from '../ops/registry.js';

/** Pipeline ops other engineers add in parallel (batch mixing): mapped without validation until registered. */
const PENDING_OPS = /* #__PURE__ */ new Set(['mixUp', 'cutMix']);

export type Lib = 'torchvision' | 'albumentations' | 'Keras 3';

/** Throws INVALID_SPEC about the source config at `path`. */
export function fail(lib: Lib, path: string, message: string): never {
  throw new EdgeAugmentError('INVALID_SPEC', `${lib} config ${path}: ${message}`, { details: { path } });
}

/** Edit distance (for "nearest" suggestions). */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known name closest to `name` (edit distance relative to length), if reasonably close. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(name, k) / Math.max(name.length, k.length);
    if (d < bestD) { bestD = d; best = k; }
  }
  return bestD <= 0.5 ? best : undefined;
}

/**
 * Unknown source class: names it, lists the classes we map and the nearest thing we have (a hint table
 * for well-known transforms we lack, else the closest class name).
 */
export function unknownClass(lib: Lib, name: string, path: string, known: readonly string[], hints: Readonly<Record<string, string>>): never {
  const hint = hints[name];
  const near = hint ?? nearestName(name, known);
  throw new EdgeAugmentError(
    'INVALID_SPEC',
    `Unknown ${lib} transform '${name}' at ${path}; we have: ${known.join(', ')}${near ? `; nearest: ${near}` : ''}.`,
    { details: { path, transform: name, ...(near ? { nearest: near } : {}) } },
  );
}

/** A plain object (not null, not an array). */
export function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * One source transform's arguments, read by name with checks; every error names the JSON path.
 * `strict`: unknown argument names are errors (hand-written torchvision configs); otherwise they are
 * ignored with a note (albumentations / Keras write version-dependent extra fields).
 */
export class Args {
  private readonly used = new Set<string>();
  constructor(
    readonly lib: Lib,
    readonly cls: string,
    readonly raw: Record<string, unknown>,
    readonly path: string,
  ) {}

  private at(k: string): string {
    return `${this.path}.${k}`;
  }

  /** Marks keys as read without using them (inert fields such as name, seed, dtype). */
  ignore(...keys: string[]): this {
    for (const k of keys) this.used.add(k);
    return this;
  }

  has(k: string): boolean {
    return this.raw[k] !== undefined && this.raw[k] !== null;
  }

  any(k: string): unknown {
    this.used.add(k);
    return this.raw[k];
  }

  num(k: string, def?: number, o: { min?: number; max?: number; integer?: boolean } = {}): number {
    this.used.add(k);
    const v = this.raw[k] ?? def;
    if (v === undefined) fail(this.lib, this.at(k), `${this.cls} needs '${k}'.`);
    if (typeof v !== 'number' || !Number.isFinite(v) || (o.integer && !Number.isInteger(v)) || (o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) {
      fail(this.lib, this.at(k), `expected ${o.integer ? 'an integer' : 'a number'}${o.min !== undefined ? ` ≥ ${o.min}` : ''}${o.max !== undefined ? ` ≤ ${o.max}` : ''}, got ${describeValue(v)}.`);
    }
    return v;
  }

  optNum(k: string, o: { min?: number; max?: number; integer?: boolean } = {}): number | null {
    if (!this.has(k)) { this.used.add(k); return null; }
    return this.num(k, undefined, o);
  }

  bool(k: string, def: boolean): boolean {
    this.used.add(k);
    const v = this.raw[k] ?? def;
    if (typeof v !== 'boolean') fail(this.lib, this.at(k), `expected true or false, got ${describeValue(v)}.`);
    return v;
  }

  str(k: string, def?: string): string {
    this.used.add(k);
    const v = this.raw[k] ?? def;
    if (typeof v !== 'string') fail(this.lib, this.at(k), `expected a string, got ${describeValue(v)}.`);
    return v;
  }

  /** A number or a list of numbers (length within [min, max]). */
  nums(k: string, def?: number | number[] | null, o: { minLength?: number; maxLength?: number } = {}): number[] | null {
    this.used.add(k);
    if (this.raw[k] === undefined && def === undefined) fail(this.lib, this.at(k), `${this.cls} needs '${k}'.`);
    const v = this.raw[k] === undefined ? def : this.raw[k];
    if (v === null || v === undefined) return null;
    const a = typeof v === 'number' ? [v] : v;
    if (!Array.isArray(a) || a.length < (o.minLength ?? 1) || a.length > (o.maxLength ?? 4096) || !a.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      fail(this.lib, this.at(k), `expected a number or a list of ${o.minLength ?? 1}${o.maxLength !== o.minLength ? `–${o.maxLength ?? '…'}` : ''} numbers, got ${describeValue(v)}.`);
    }
    return a as number[];
  }

  /**
   * A [lo, hi] range: a list of two numbers (sorted), or a number x mapped by `scalar` (e.g.
   * albumentations' to_tuple: x → [−x, x]).
   */
  range(k: string, def: number | [number, number] | null, scalar: (x: number) => [number, number]): [number, number] | null {
    this.used.add(k);
    const v = this.raw[k] === undefined ? def : this.raw[k];
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return scalar(v);
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      const [a, b] = v as [number, number];
      return a <= b ? [a, b] : [b, a];
    }
    return fail(this.lib, this.at(k), `expected a number or [lo, hi], got ${describeValue(v)}.`);
  }

  /** Keys present but never read. */
  unused(): string[] {
    return Object.keys(this.raw).filter((k) => !this.used.has(k));
  }

  /** Strict: unknown keys are errors; lenient: a note per ignored key. */
  finish(strict: boolean, notes: string[], allowed?: readonly string[]): void {
    const extra = this.unused();
    if (!extra.length) return;
    if (strict) {
      const k = extra[0]!;
      fail(this.lib, this.at(k), `${this.cls} has no argument '${k}'${allowed ? `; it takes: ${allowed.join(', ') || 'none'}` : ''}.`);
    }
    notes.push(`${this.path} ${this.cls}: ignored ${extra.map((k) => `'${k}'`).join(', ')} (no effect we model).`);
  }
}

/**
 * Validates mapped nodes one by one (so an error points at the source transform) and returns them.
 * Nodes of ops not registered yet (mixUp / cutMix, added by the batch-mixing work) are passed through.
 */
export function checkNodes(lib: Lib, path: string, cls: string, nodes: PipelineNodeJSON[]): PipelineNodeJSON[] {
  const walk = (n: PipelineNodeJSON): boolean => {
    if (PENDING_OPS.has(n.op) && !getOp(n.op)) return false;
    const kids = (n.ops as PipelineNodeJSON[] | undefined) ?? [];
    return kids.every(walk);
  };
  for (const n of nodes) {
    if (!walk(n)) continue;
    try {
      compilePipeline([n], 'node');
    } catch (e) {
      if (e instanceof EdgeAugmentError) fail(lib, path, `${cls} maps to ${JSON.stringify(n)}, which is invalid: ${e.message}`);
      throw e;
    }
  }
  return nodes;
}

/** Rounds away float noise from unit conversions (e.g. 0.1 × 360 = 36.00000000000001). */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** A node with `p` only when it is below 1 (the pipeline default). */
export function withP(node: PipelineNodeJSON, p: number): PipelineNodeJSON {
  return p < 1 ? { ...node, p: clean(p) } : node;
}
