/**
 * The one error class of edge-augment. Every failure the SDK reports on purpose is an
 * `EdgeAugmentError` with a machine-readable `code`; the `code` survives the worker boundary.
 */

/** Every code an {@link EdgeAugmentError} can carry. */
export type EdgeAugmentErrorCode =
  | 'INVALID_SPEC'
  | 'INVALID_PARAMS'
  | 'INVALID_IMAGE'
  | 'INVALID_ARGUMENT'
  | 'NOT_FITTED'
  | 'CLOSED'
  | 'WASM_INIT_FAILED'
  | 'WASM_INIT_TIMEOUT'
  | 'BACKEND_UNAVAILABLE'
  | 'WORKER_FAILED'
  | 'UNSUPPORTED_RUNTIME'
  | 'UNSUPPORTED_FORMAT'
  | 'DECODE_FAILED'
  | 'ENCODE_FAILED'
  | 'TRUNCATED_IMAGE'
  | 'EMPTY_INPUT'
  | 'IMAGE_TOO_LARGE'
  | 'INVALID_PROFILE'
  | 'INVALID_STATE'
  | 'INSUFFICIENT_DATA'
  | 'IO_ERROR'
  | 'UNSUPPORTED_TARGETS'
  | 'INTERNAL';

/** All codes, for validation and documentation. */
export const ERROR_CODES: readonly EdgeAugmentErrorCode[] = /* #__PURE__ */ Object.freeze([
  'INVALID_SPEC', 'INVALID_PARAMS', 'INVALID_IMAGE', 'INVALID_ARGUMENT', 'NOT_FITTED', 'CLOSED',
  'WASM_INIT_FAILED', 'WASM_INIT_TIMEOUT', 'BACKEND_UNAVAILABLE', 'WORKER_FAILED',
  'UNSUPPORTED_RUNTIME', 'UNSUPPORTED_FORMAT', 'DECODE_FAILED', 'ENCODE_FAILED', 'TRUNCATED_IMAGE',
  'EMPTY_INPUT', 'IMAGE_TOO_LARGE', 'INVALID_PROFILE', 'INVALID_STATE', 'INSUFFICIENT_DATA',
  'IO_ERROR', 'UNSUPPORTED_TARGETS', 'INTERNAL',
] as EdgeAugmentErrorCode[]);

/**
 * A typed, documented failure.
 *
 * @example
 * ```ts
 * try { await createAugmenter({ spec: { rotationRange: -5 } }); }
 * catch (e) { if (e instanceof EdgeAugmentError && e.code === 'INVALID_SPEC') console.log(e.message); }
 * ```
 */
export class EdgeAugmentError extends Error {
  override readonly name = 'EdgeAugmentError' as const;
  /** Machine-readable reason. */
  readonly code: EdgeAugmentErrorCode;
  /** Optional structured detail (the field, the item index, …). */
  readonly details?: Record<string, unknown>;

  constructor(code: EdgeAugmentErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = code;
    if (options?.details) this.details = options.details;
  }

  /** A plain, structured-clone-safe form (used to cross worker boundaries). */
  toJSON(): SerializedEdgeAugmentError {
    return { name: this.name, code: this.code, message: this.message, details: this.details, stack: this.stack };
  }

  /** Rebuilds an error from {@link EdgeAugmentError.toJSON}. */
  static fromJSON(s: SerializedEdgeAugmentError): EdgeAugmentError {
    const e = new EdgeAugmentError(s.code, s.message, s.details ? { details: s.details } : undefined);
    if (s.stack) e.stack = s.stack;
    return e;
  }
}

/** Wire form of an {@link EdgeAugmentError}. */
export interface SerializedEdgeAugmentError {
  name: 'EdgeAugmentError';
  code: EdgeAugmentErrorCode;
  message: string;
  details?: Record<string, unknown>;
  stack?: string;
}

/** True when `e` is an {@link EdgeAugmentError} (optionally with the given code). */
export function isEdgeAugmentError(e: unknown, code?: EdgeAugmentErrorCode): e is EdgeAugmentError {
  return e instanceof EdgeAugmentError && (code === undefined || e.code === code);
}

/** Makes the DOMException-style error that cancellation rejects with. */
export function abortError(reason?: unknown): Error {
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const msg = typeof reason === 'string' ? reason : 'The operation was aborted.';
  if (typeof DOMException === 'function') return new DOMException(msg, 'AbortError');
  const e = new Error(msg);
  e.name = 'AbortError';
  return e;
}

/**
 * A short, safe description of any value for an error message: never throws (BigInt, symbols,
 * circular or 10,000-deep structures, objects without a prototype) and never longer than `max`
 * characters. Strings are quoted; numbers keep NaN, ±Infinity and −0.
 *
 * @example
 * ```ts
 * describeValue(1n);            // '1n'
 * const o: any = {}; o.self = o;
 * describeValue(o);             // '{"self":"[Circular]"}'
 * ```
 */
export function describeValue(v: unknown, max = 80): string {
  let s: string;
  try {
    switch (typeof v) {
      case 'bigint': s = `${v}n`; break;
      case 'symbol': s = v.toString(); break;
      case 'function': s = `[function ${v.name || 'anonymous'}]`; break;
      case 'undefined': s = 'undefined'; break;
      case 'number': s = Object.is(v, -0) ? '-0' : String(v); break;
      case 'string': s = JSON.stringify(v.length > max ? v.slice(0, max) : v); break;
      default: {
        if (v === null) { s = 'null'; break; }
        const seen = new WeakSet<object>();
        s = JSON.stringify(v, (_k, x: unknown) => {
          if (typeof x === 'bigint') return `${x}n`;
          if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
          if (typeof x === 'symbol' || typeof x === 'function') return String(typeof x === 'function' ? '[function]' : x.toString());
          if (typeof x === 'object' && x !== null) {
            if (seen.has(x)) return '[Circular]';
            seen.add(x);
          }
          return x;
        }) ?? Object.prototype.toString.call(v);
      }
    }
  } catch {
    s = Object.prototype.toString.call(v); // e.g. nesting too deep for JSON.stringify
  }
  return s.length > max ? `${s.slice(0, Math.max(0, max - 1))}…` : s;
}
