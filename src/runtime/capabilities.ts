/**
 * What this runtime can do, computed once into one frozen object. Deno, Bun and workerd are checked
 * before Node because each of them also exposes `process.versions.node`.
 */

/** The runtimes the SDK knows. */
export type RuntimeName = 'browser' | 'deno' | 'bun' | 'workerd' | 'edge-light' | 'node' | 'unknown';
/** How workers are made here. */
export type WorkerKind = 'web' | 'worker_threads' | 'none';

/** The capability object. */
export interface Capabilities {
  readonly runtime: RuntimeName;
  /** Worker kind the pool will use ('none' → inline only). */
  readonly worker: WorkerKind;
  /** WebAssembly SIMD (v128) validates. */
  readonly simd: boolean;
  /** SharedArrayBuffer usable and cross-origin isolated (threaded WASM possible). */
  readonly threads: boolean;
  /** `crossOriginIsolated` (browsers), true elsewhere where SharedArrayBuffer exists. */
  readonly crossOriginIsolated: boolean;
  /** Logical cores, if known. */
  readonly hardwareConcurrency: number;
  /** Compiling WebAssembly from bytes is allowed (false on workerd). */
  readonly wasmCompile: boolean;
}

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)) — the probe tfjs uses.
const SIMD_PROBE = /* #__PURE__ */ new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

type G = typeof globalThis & {
  Deno?: { version?: { deno?: string } };
  Bun?: unknown;
  EdgeRuntime?: unknown;
  WebSocketPair?: unknown;
  navigator?: { userAgent?: string; hardwareConcurrency?: number };
  process?: { versions?: Record<string, string> };
  document?: unknown;
  WorkerGlobalScope?: unknown;
};

function detectRuntime(g: G): RuntimeName {
  if (g.Deno?.version?.deno) return 'deno';
  if (g.Bun !== undefined || g.process?.versions?.bun) return 'bun';
  // workerd: its navigator.userAgent (compat date ≥ 2022-03-21); WebSocketPair is workerd-only otherwise.
  if (g.navigator?.userAgent === 'Cloudflare-Workers' || (typeof g.WebSocketPair === 'function' && g.document === undefined)) return 'workerd';
  if (typeof g.EdgeRuntime === 'string') return 'edge-light';
  if (g.process?.versions?.node) return 'node';
  if (g.document !== undefined || g.WorkerGlobalScope !== undefined) return 'browser';
  return 'unknown';
}

/** Node < 21 has no navigator: ask node:os when the runtime offers a synchronous way (Node ≥ 20.16). */
function nodeCores(): number | undefined {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: (n: string) => { availableParallelism?: () => number } } }).process;
    const n = p?.getBuiltinModule?.('node:os')?.availableParallelism?.();
    return typeof n === 'number' && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function detect(): Capabilities {
  const g = globalThis as G;
  const runtime = detectRuntime(g);
  let simd = false;
  try { simd = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE); } catch { simd = false; }
  const hasWebWorker = typeof (g as { Worker?: unknown }).Worker === 'function';
  let worker: WorkerKind = 'none';
  if (runtime === 'node') worker = 'worker_threads';
  else if (runtime === 'workerd' || runtime === 'edge-light') worker = 'none';
  else if (hasWebWorker) worker = 'web';
  const coi = runtime === 'browser' ? (g as { crossOriginIsolated?: boolean }).crossOriginIsolated === true : typeof SharedArrayBuffer === 'function';
  const threads = coi && typeof SharedArrayBuffer === 'function' && runtime === 'browser';
  const hc = g.navigator?.hardwareConcurrency;
  let cores = typeof hc === 'number' && hc > 0 ? hc : 1;
  if (runtime === 'node' && !(typeof hc === 'number' && hc > 0)) cores = nodeCores() ?? 2;
  return Object.freeze({ runtime, worker, simd, threads, crossOriginIsolated: coi, hardwareConcurrency: cores, wasmCompile: runtime !== 'workerd' });
}

let cached: Capabilities | undefined;
let override: Partial<Capabilities> | undefined;

/**
 * The capabilities of this runtime (computed on first call, then frozen).
 *
 * @example
 * ```ts
 * const caps = getCapabilities(); if (caps.worker === 'none') console.log('inline mode');
 * ```
 */
export function getCapabilities(): Capabilities {
  if (!cached) cached = detect();
  return override ? Object.freeze({ ...cached, ...override }) : cached;
}

/**
 * Overrides detected capabilities in this realm (e.g. `{ worker: 'none' }` to force inline, `{ threads:
 * false }` to keep tfjs single-threaded here). Workers detect their own. Pass `undefined` to reset.
 *
 * @example
 * ```ts
 * setCapabilities({ worker: 'none' }); // workers: 'auto' now means inline
 * ```
 */
export function setCapabilities(o: Partial<Capabilities> | undefined): void {
  override = o ? { ...o } : undefined;
}

/** The worker count `workers: 'auto'` means: up to 4, one core left to the calling thread; 0 where there are no workers. */
export function autoWorkers(caps: Capabilities): number {
  if (caps.worker === 'none') return 0;
  return Math.max(1, Math.min(4, caps.hardwareConcurrency - 1 || 1));
}
