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
  | 'INTERNAL';

/** All codes, for validation and documentation. */
export const ERROR_CODES: readonly EdgeAugmentErrorCode[] = /* #__PURE__ */ Object.freeze([
  'INVALID_SPEC', 'INVALID_PARAMS', 'INVALID_IMAGE', 'INVALID_ARGUMENT', 'NOT_FITTED', 'CLOSED',
  'WASM_INIT_FAILED', 'WASM_INIT_TIMEOUT', 'BACKEND_UNAVAILABLE', 'WORKER_FAILED',
  'UNSUPPORTED_RUNTIME', 'UNSUPPORTED_FORMAT', 'DECODE_FAILED', 'ENCODE_FAILED', 'TRUNCATED_IMAGE',
  'EMPTY_INPUT', 'IMAGE_TOO_LARGE', 'INVALID_PROFILE', 'INVALID_STATE', 'INSUFFICIENT_DATA',
  'IO_ERROR', 'INTERNAL',
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
