/**
 * Keras at the edge: a Python user's `ImageDataGenerator` config — as a snake_case object (JSON) or as
 * the pasted argument list `ImageDataGenerator(rotation_range=50, rescale=1./255)` — mapped to an
 * {@link AugmentSpec}. Snake_case never travels further into the SDK than this file.
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import type { AugmentSpec, ShiftRange } from './spec.js';

/** Options of `ImageDataGenerator` that do not change pixels of a single image but are accepted. */
export interface KerasExtras {
  /** `validation_split`, for dataset helpers. */
  validationSplit?: number;
  /** `dtype`, informational (outputs are float32). */
  dtype?: string;
}

/** What {@link fromKerasConfig} returns: the spec plus the non-pixel options it found. */
export interface KerasImport {
  spec: AugmentSpec;
  extras: KerasExtras;
}

const DIRECT: Record<string, keyof AugmentSpec> = {
  rotation_range: 'rotationRange',
  width_shift_range: 'widthShiftRange',
  height_shift_range: 'heightShiftRange',
  shear_range: 'shearRange',
  zoom_range: 'zoomRange',
  channel_shift_range: 'channelShiftRange',
  brightness_range: 'brightnessRange',
  horizontal_flip: 'horizontalFlip',
  vertical_flip: 'verticalFlip',
  fill_mode: 'fillMode',
  cval: 'cval',
  rescale: 'rescale',
  samplewise_center: 'samplewiseCenter',
  samplewise_std_normalization: 'samplewiseStdNormalization',
  featurewise_center: 'featurewiseCenter',
  featurewise_std_normalization: 'featurewiseStdNormalization',
};

/** A float literal written with a decimal point or exponent in Python source (e.g. `2.0`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

function unwrap(v: unknown, depth = 0): unknown {
  if (v instanceof PyFloat) return v.value;
  if (Array.isArray(v) && depth < 50) return v.map((x) => unwrap(x, depth + 1));
  return v;
}

/** Deepest nesting of brackets, parentheses, unary signs and powers the argument parser accepts. */
const MAX_PARSE_DEPTH = 200;

function keyErr(key: string, value: unknown, allowed: string): never {
  throw new EdgeAugmentError('INVALID_SPEC', `Keras config ${key}: got ${describeValue(unwrap(value))}; allowed: ${allowed}.`, {
    details: { field: key, allowed },
  });
}

/**
 * Maps a Keras `ImageDataGenerator` config (snake_case keys, as `json.dumps(kwargs)` would give, or
 * camelCase) to an {@link AugmentSpec}. Unknown keys, `zca_whitening=True` (a (H·W·C)² matrix: not
 * feasible on a device), `preprocessing_function` and `data_format='channels_first'` are rejected.
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC`
 * @example
 * ```ts
 * const { spec } = fromKerasConfig({ rotation_range: 50, width_shift_range: 0.25, horizontal_flip: true });
 * ```
 */
export function fromKerasConfig(config: Record<string, unknown>): KerasImport {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new EdgeAugmentError('INVALID_SPEC', `Keras config: expected an object of ImageDataGenerator arguments, got ${config === null ? 'null' : typeof config}.`);
  }
  const spec: Record<string, unknown> = {};
  const extras: KerasExtras = {};
  for (const key of Object.keys(config)) {
    const raw = config[key];
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') keyErr(key, raw, 'ImageDataGenerator argument names');
    const target = DIRECT[key] ?? (Object.values(DIRECT).includes(key as keyof AugmentSpec) ? (key as keyof AugmentSpec) : undefined);
    if (target) {
      if ((target === 'widthShiftRange' || target === 'heightShiftRange') && raw instanceof PyFloat) {
        spec[target] = raw.value >= 1 ? ({ pixels: raw.value } satisfies ShiftRange) : raw.value;
      } else spec[target] = unwrap(raw);
      continue;
    }
    const value = unwrap(raw);
    switch (key) {
      case 'interpolation_order':
      case 'interpolationOrder':
        if (value === 0) spec.interpolation = 'nearest';
        else if (value === 1) spec.interpolation = 'bilinear';
        else keyErr(key, value, '0 (nearest) or 1 (bilinear); higher spline orders are not supported');
        break;
      case 'zca_whitening':
      case 'zcaWhitening':
        if (value) keyErr(key, value, 'False — ZCA needs a (H·W·C)² matrix, infeasible on a device');
        break;
      case 'zca_epsilon':
      case 'zcaEpsilon':
        break;
      case 'preprocessing_function':
      case 'preprocessingFunction':
        if (value !== null && value !== undefined) keyErr(key, value, 'None — a Python function cannot run here; apply your own step after augmentation');
        break;
      case 'data_format':
      case 'dataFormat':
        if (value !== null && value !== undefined && value !== 'channels_last') keyErr(key, value, "'channels_last' (images are interleaved HWC)");
        break;
      case 'validation_split':
      case 'validationSplit':
        if (typeof value !== 'number' || !(value >= 0 && value < 1)) keyErr(key, value, 'a number in [0, 1)');
        extras.validationSplit = value;
        break;
      case 'dtype':
        if (value !== null && value !== undefined && typeof value !== 'string') keyErr(key, value, 'a dtype name');
        if (typeof value === 'string') extras.dtype = value;
        break;
      default:
        keyErr(key, value, `an ImageDataGenerator argument (${Object.keys(DIRECT).join(', ')}, interpolation_order, validation_split, dtype, data_format, zca_whitening, zca_epsilon, preprocessing_function)`);
    }
  }
  return { spec: spec as AugmentSpec, extras };
}

// ---------------------------------------------------------------------------------------------
// A tiny parser for pasted Python argument lists: literals, lists/tuples, True/False/None,
// strings, and + - * / ** on numbers (so `rescale=1./255` works). Nothing is evaluated beyond that.

type Tok = { t: 'num'; v: number; float: boolean } | { t: 'str'; v: string } | { t: 'id'; v: string } | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const num = /^(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num && /[\d.]/.test(c)) {
      const text = num[0];
      out.push({ t: 'num', v: Number(text), float: /[.eE]/.test(text) });
      i += text.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) { if (src[j] === '\\') j++; s += src[j]; j++; }
      if (j >= src.length) throw parseErr('unterminated string', i);
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (id) { out.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    if (src.startsWith('**', i)) { out.push({ t: 'op', v: '**' }); i += 2; continue; }
    if ('()[],=+-*/'.includes(c)) { out.push({ t: 'op', v: c }); i++; continue; }
    throw parseErr(`unexpected character ${JSON.stringify(c)}`, i);
  }
  return out;
}

function parseErr(msg: string, at: number): EdgeAugmentError {
  return new EdgeAugmentError('INVALID_SPEC', `Keras argument list: ${msg} at position ${at}.`);
}

/**
 * Parses a pasted Keras argument list — `ImageDataGenerator(rotation_range=50, rescale=1./255)`,
 * or just `rotation_range=50, zoom_range=[0.8, 1.2]` — or a JSON object, and maps it with
 * {@link fromKerasConfig}. Python ints and floats are told apart (`width_shift_range=2` is Keras's
 * int form, `2.0` its float-pixels form).
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC` on syntax errors or invalid keys.
 * @example
 * ```ts
 * const { spec } = parseKerasArgs('ImageDataGenerator(rotation_range=50, horizontal_flip=True, rescale=1./255)');
 * ```
 */
export function parseKerasArgs(text: string): KerasImport {
  if (typeof text !== 'string') throw new EdgeAugmentError('INVALID_SPEC', 'Keras argument list: expected a string.');
  if (text.length > 100_000) throw new EdgeAugmentError('INVALID_SPEC', 'Keras argument list: longer than 100,000 characters.');
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let obj: unknown;
    try { obj = JSON.parse(trimmed); } catch (e) { throw new EdgeAugmentError('INVALID_SPEC', `Keras config JSON: ${(e as Error).message}`); }
    return fromKerasConfig(obj as Record<string, unknown>);
  }
  const toks = tokenize(trimmed);
  let p = 0;
  const peek = () => toks[p];
  const eat = (v?: string): Tok => {
    const t = toks[p];
    if (!t || (v !== undefined && !(t.t === 'op' && t.v === v))) throw parseErr(`expected ${v ?? 'a token'}`, p);
    p++;
    return t;
  };
  // Optional `Something(` ... `)` wrapper.
  let wrapped = false;
  if (toks[0]?.t === 'id' && toks[1]?.t === 'op' && toks[1].v === '(') { p = 2; wrapped = true; }

  let depth = 0;
  const primary = (): unknown => {
    // Every recursion of the grammar passes through here: bound it, or hostile input such as
    // '['.repeat(3000) overflows the stack (a RangeError) far below the 100,000-character limit.
    if (++depth > MAX_PARSE_DEPTH) throw parseErr(`nesting deeper than ${MAX_PARSE_DEPTH} levels`, p);
    try {
      return primaryInner();
    } finally {
      depth--;
    }
  };
  const primaryInner = (): unknown => {
    const t = eat();
    if (t.t === 'num') return t.float ? new PyFloat(t.v) : t.v;
    if (t.t === 'str') return t.v;
    if (t.t === 'id') {
      if (t.v === 'True') return true;
      if (t.v === 'False') return false;
      if (t.v === 'None') return null;
      throw parseErr(`unsupported name ${t.v} (only literals are allowed)`, p - 1);
    }
    if (t.v === '-' || t.v === '+') {
      const v = factor();
      const n = num(v);
      const r = t.v === '-' ? -n : n;
      return v instanceof PyFloat ? new PyFloat(r) : r;
    }
    if (t.v === '(' || t.v === '[') {
      const close = t.v === '(' ? ')' : ']';
      const items: unknown[] = [];
      while (!(peek()?.t === 'op' && peek()!.v === close)) {
        items.push(expr());
        if (peek()?.t === 'op' && peek()!.v === ',') p++;
        else break;
      }
      eat(close);
      if (t.v === '(' && items.length === 1 && toks[p - 2]?.v !== ',') return items[0];
      return items;
    }
    throw parseErr(`unexpected ${t.v}`, p - 1);
  };
  const num = (v: unknown): number => {
    const n = v instanceof PyFloat ? v.value : v;
    if (typeof n !== 'number') throw parseErr('arithmetic on a non-number', p);
    return n;
  };
  const factor = (): unknown => {
    const a = primary();
    if (peek()?.t === 'op' && peek()!.v === '**') {
      p++;
      if (++depth > MAX_PARSE_DEPTH) throw parseErr(`nesting deeper than ${MAX_PARSE_DEPTH} levels`, p);
      try {
        const b = factor();
        return new PyFloat(num(a) ** num(b));
      } finally {
        depth--;
      }
    }
    return a;
  };
  const term = (): unknown => {
    let a = factor();
    while (peek()?.t === 'op' && (peek()!.v === '*' || peek()!.v === '/')) {
      const op = eat().v as string;
      const b = factor();
      const isFloat = op === '/' || a instanceof PyFloat || b instanceof PyFloat;
      const r = op === '*' ? num(a) * num(b) : num(a) / num(b);
      a = isFloat ? new PyFloat(r) : r;
    }
    return a;
  };
  const expr = (): unknown => {
    let a = term();
    while (peek()?.t === 'op' && (peek()!.v === '+' || peek()!.v === '-')) {
      const op = eat().v as string;
      const b = term();
      const r = op === '+' ? num(a) + num(b) : num(a) - num(b);
      a = a instanceof PyFloat || b instanceof PyFloat ? new PyFloat(r) : r;
    }
    return a;
  };

  const config: Record<string, unknown> = Object.create(null);
  while (p < toks.length) {
    const t = peek()!;
    if (wrapped && t.t === 'op' && t.v === ')') { p++; break; }
    if (t.t !== 'id') throw parseErr('expected name=value', p);
    p++;
    eat('=');
    const v = expr();
    config[t.v] = v;
    if (peek()?.t === 'op' && peek()!.v === ',') p++;
  }
  if (p < toks.length) throw parseErr('trailing input', p);
  return fromKerasConfig(config);
}
