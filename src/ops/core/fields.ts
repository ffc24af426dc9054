/**
 * Field tables: one declaration per op option or param gives its validation, default, docs line and
 * demo form control. Ops never validate by hand.
 */
import { EdgeAugmentError, describeValue, type EdgeAugmentErrorCode } from '../../errors.js';

interface FieldBase {
  /** One line for docs and the demo form. */
  doc: string;
  /** May be null (an "off" value). */
  nullable?: boolean;
}

/** A finite number in [min, max]. */
export interface NumberField extends FieldBase { type: 'number'; default?: number | null; min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean }
/** A [lo, hi] range; a scalar x is mapped by `scalar` (e.g. torchvision's `brightness=x` → [max(0, 1−x), 1+x]). */
export interface RangeField extends FieldBase { type: 'range'; default?: readonly [number, number] | null; min?: number; max?: number; integer?: boolean; scalar?: (x: number) => [number, number] }
export interface BoolField extends FieldBase { type: 'bool'; default?: boolean }
export interface EnumField extends FieldBase { type: 'enum'; values: readonly string[]; default?: string | null }
/** A list of numbers (per-channel fill, mean, std, a size [h, w], …). A scalar is broadcast to `length` when `broadcast` is set. */
export interface NumbersField extends FieldBase { type: 'numbers'; default?: readonly number[] | null; min?: number; max?: number; minLength?: number; maxLength?: number; integer?: boolean; broadcast?: number }
/** Child pipelines (composite ops). */
export interface OpsField extends FieldBase { type: 'ops'; minLength?: number }
/** Free-form JSON (validated by the op's own lowering; used sparingly, e.g. a policy table). */
export interface JsonField extends FieldBase { type: 'json'; default?: unknown }

export type Field = NumberField | RangeField | BoolField | EnumField | NumbersField | OpsField | JsonField;
/** An op's fields by name, in the order the docs and the demo show them. */
export type FieldTable = Readonly<Record<string, Field>>;

/** Describes a value for an error message (never throws): the one helper in src/errors.ts. */
export { describeValue };

function fail(code: EdgeAugmentErrorCode, where: string, v: unknown, allowed: string): never {
  throw new EdgeAugmentError(code, `${where}: got ${describeValue(v)}; allowed: ${allowed}.`, { details: { field: where, allowed } });
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function inBounds(x: number, f: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean }): boolean {
  if (f.integer && !Number.isInteger(x)) return false;
  if (f.min !== undefined && (f.exclusiveMin ? x <= f.min : x < f.min)) return false;
  if (f.max !== undefined && x > f.max) return false;
  return true;
}

function boundsText(f: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean }): string {
  const kind = f.integer ? 'an integer' : 'a finite number';
  if (f.min !== undefined && f.max !== undefined) return `${kind} ${f.exclusiveMin ? '>' : '≥'} ${f.min} and ≤ ${f.max}`;
  if (f.min !== undefined) return `${kind} ${f.exclusiveMin ? '>' : '≥'} ${f.min}`;
  if (f.max !== undefined) return `${kind} ≤ ${f.max}`;
  return kind;
}

/** What a field accepts, in words (errors and docs). */
export function allowedText(f: Field): string {
  const orNull = f.nullable ? ' (or null)' : '';
  switch (f.type) {
    case 'number': return boundsText(f) + orNull;
    case 'range': return `[lo, hi] with lo ≤ hi, each ${boundsText(f)}${f.scalar ? ', or one number' : ''}${orNull}`;
    case 'bool': return 'true or false';
    case 'enum': return f.values.map((x) => `'${x}'`).join(' | ') + orNull;
    case 'numbers': return `a list of ${f.minLength ?? 1}${f.maxLength !== f.minLength ? `–${f.maxLength ?? '…'}` : ''} numbers, each ${boundsText(f)}${f.broadcast ? ', or one number' : ''}${orNull}`;
    case 'ops': return 'a list of pipeline ops ({ op: … })';
    case 'json': return 'JSON';
  }
}

/**
 * Checks one value against its field and returns the normalised value (defaults applied by the caller).
 * `code`: INVALID_SPEC for configs, INVALID_PARAMS for explicit params.
 */
export function normalizeField(f: Field, v: unknown, where: string, code: EdgeAugmentErrorCode): unknown {
  if (v === null) {
    if (f.nullable || f.type === 'json') return null;
    fail(code, where, v, allowedText(f));
  }
  switch (f.type) {
    case 'number':
      if (!finite(v) || !inBounds(v, f)) fail(code, where, v, allowedText(f));
      return v;
    case 'range': {
      let r: unknown = v;
      if (finite(v) && f.scalar) r = f.scalar(v);
      if (!Array.isArray(r) || r.length !== 2 || !finite(r[0]) || !finite(r[1]) || r[0] > r[1] || !inBounds(r[0], f) || !inBounds(r[1], f)) fail(code, where, v, allowedText(f));
      return Object.freeze([r[0], r[1]]);
    }
    case 'bool':
      if (typeof v !== 'boolean') fail(code, where, v, allowedText(f));
      return v;
    case 'enum':
      if (typeof v !== 'string' || !f.values.includes(v)) fail(code, where, v, allowedText(f));
      return v;
    case 'numbers': {
      let a: unknown = v;
      if (finite(v) && f.broadcast) a = new Array(f.broadcast).fill(v);
      if (!Array.isArray(a) || a.length < (f.minLength ?? 1) || a.length > (f.maxLength ?? 4096) || !a.every((x) => finite(x) && inBounds(x, f))) fail(code, where, v, allowedText(f));
      return Object.freeze([...(a as number[])]);
    }
    case 'ops':
      if (!Array.isArray(v) || v.length < (f.minLength ?? 1)) fail(code, where, v, allowedText(f));
      return v;
    case 'json':
      return v;
  }
}

/**
 * Validates an object against a field table: unknown keys are errors naming them and the known ones;
 * missing keys take the default (a field without a default is required).
 */
export function normalizeFields(table: FieldTable, raw: Record<string, unknown>, where: string, code: EdgeAugmentErrorCode, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) {
    if (skip.includes(k)) continue;
    if (!Object.prototype.hasOwnProperty.call(table, k)) {
      const known = Object.keys(table);
      throw new EdgeAugmentError(code, `${where}.${k}: unknown option; ${known.length ? `allowed: ${known.join(', ')}` : 'this op takes no options'}.`, { details: { field: `${where}.${k}`, allowed: known } });
    }
  }
  for (const [k, f] of Object.entries(table)) {
    const v = raw[k];
    if (v === undefined) {
      const d = (f as { default?: unknown }).default;
      if (d === undefined && f.type !== 'json') {
        throw new EdgeAugmentError(code, `${where}.${k}: required (${f.doc}); allowed: ${allowedText(f)}.`, { details: { field: `${where}.${k}` } });
      }
      out[k] = d ?? null;
    } else out[k] = normalizeField(f, v, `${where}.${k}`, code);
  }
  return out;
}
