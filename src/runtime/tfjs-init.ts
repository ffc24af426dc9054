/**
 * Brings up TensorFlow.js once per realm (worker or page): the `wasm` backend by default, `cpu` as a
 * fallback, with a timeout (a failed WASM instantiate otherwise leaves the start-up pending forever)
 * and without the process handlers tfjs leaves behind in Node.
 *
 * The app's tfjs is never touched: the SDK never calls `tf.setBackend` or `tf.ready`, so
 * `tf.getBackend()` is the same before and after. The wasm backend is created from its registered
 * factory as a private instance, and the kernels run on that instance directly
 * (src/kernels/tfjs-kernels.ts `useSdkBackend`). If importing @tensorflow/tfjs-backend-wasm is what
 * registered 'wasm' with the app's tfjs, the registration is taken back (the app did not ask for
 * that backend, and tfjs would otherwise prefer it over the app's cpu backend); if the app registered
 * it itself, the instance is shared through tfjs's registry (one module, whoever starts it first).
 * The `cpu` choice runs the SDK's kernel on its own memory and needs no tfjs backend at all.
 */
import { EdgeAugmentError } from '../errors.js';
import { assetSource, getWasmConfig, loadModule } from './assets.js';
import { defaultThreadScriptUrls } from '../platform/node.js';
import { useSdkBackend } from '../kernels/tfjs-kernels.js';
import { getCapabilities } from './capabilities.js';
import { TFJS_THREAD_FILES, TfjsThreadsError, tfjsBinaryFor, tfjsRunningThreads, withPrecompiledTfjsWasm, type TfjsThreadOptions, type TfjsThreadUrls } from './tfjs-wasm-shim.js';

/** The tfjs-core namespace, as imported. */
export type Tf = typeof import('./tfjs-core-api.js');

/** Which backend to run on. */
export type BackendChoice = 'wasm' | 'cpu' | 'auto';

/** Options of {@link initTf}. */
export interface TfInitOptions {
  /** 'wasm' (default: fail if it can't start), 'cpu', or 'auto' (wasm, else cpu). */
  backend?: BackendChoice;
  /** Milliseconds before init fails with `WASM_INIT_TIMEOUT`. Default 30,000. */
  timeoutMs?: number;
  /** Threads for the threaded-SIMD build (browsers under COOP/COEP). Default: tfjs's choice. */
  threads?: number;
}

/** What came up. */
export interface TfRuntime {
  tf: Tf;
  backend: 'wasm' | 'cpu';
  /** The SDK's own tfjs wasm backend instance (not the app's active backend); null for 'cpu'. */
  instance: unknown;
  simd: boolean;
  threads: number;
  /** Why a fallback happened, if it did. */
  note?: string;
}

let pending: Promise<TfRuntime> | undefined;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new EdgeAugmentError('WASM_INIT_TIMEOUT', `${what} did not finish within ${ms} ms. A .wasm file may be missing, corrupt or blocked (check the network panel and, for threads, COOP/COEP headers on the page AND the worker script).`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

type Proc = { listeners(ev: string): unknown[]; removeListener(ev: string, f: unknown): void };

function snapshotHandlers(): (() => void) | undefined {
  const proc = (globalThis as { process?: Proc }).process;
  if (!proc || typeof proc.listeners !== 'function') return undefined;
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = new Map(events.map((e) => [e, new Set(proc.listeners(e))]));
  return () => {
    for (const e of events) for (const f of proc.listeners(e)) if (!before.get(e)!.has(f)) proc.removeListener(e, f);
  };
}

/**
 * Where tfjs's pthread scripts are: next to the threaded binary when that is a location (the
 * default: beside the SDK's JavaScript; or under the `setWasmPaths` prefix), else beside this module.
 */
function threadUrls(): TfjsThreadUrls {
  const src = assetSource('tfjs-backend-wasm-threaded-simd.wasm');
  if (typeof src === 'string' || src instanceof URL) {
    const here = (globalThis as { location?: { href?: string } }).location?.href;
    const base = here ? new URL(String(src), here).href : String(src);
    // Under a setWasmPaths prefix (or a located threaded binary): the scripts sit beside it.
    if (getWasmConfig().prefix !== undefined || getWasmConfig().assets['tfjs-backend-wasm-threaded-simd.wasm'] !== undefined) {
      return { worker: new URL(TFJS_THREAD_FILES.worker, base).href, main: new URL(TFJS_THREAD_FILES.main, base).href };
    }
  }
  // Default: the files shipped beside the SDK's JavaScript, by static URLs a bundler keeps.
  return defaultThreadScriptUrls();
}

type WasmPkg = typeof import('@tensorflow/tfjs-backend-wasm');

/** tfjs's engine internals the SDK reads (tfjs-core 4.x). */
type EngineInternals = {
  registry: Record<string, unknown>;
  registryFactory: Record<string, { factory: () => unknown; priority: number }>;
};

function engineOf(tf: Tf): EngineInternals {
  return tf.engine() as unknown as EngineInternals;
}

/** Loads `binary`, hands it to tfjs and creates a wasm backend instance from `factory`. */
async function bringUp(tf: Tf, wasmPkg: WasmPkg, factory: () => unknown, binary: ReturnType<typeof tfjsBinaryFor>, left: () => number, threads?: TfjsThreadOptions): Promise<unknown> {
  // We load and compile the binary ourselves (typed errors for missing/corrupt files, precompiled
  // modules on workerd), then hand the module to tfjs.
  const module = await withTimeout(loadModule(binary), left(), `Loading ${binary}`);
  const restore = snapshotHandlers();
  try {
    const instance = await withPrecompiledTfjsWasm(tf, wasmPkg as never, binary, module,
      () => withTimeout(Promise.resolve(factory()), left(), "tfjs 'wasm' backend init"), threads);
    if (!instance) throw new EdgeAugmentError('WASM_INIT_FAILED', `tfjs 'wasm' backend failed to initialise with ${binary}.`);
    return instance;
  } finally {
    restore?.();
  }
}

/** The wasm backend's factory, and whether the app (not the SDK's import) registered it. */
async function wasmFactory(tf: Tf, left: () => number): Promise<{ wasmPkg: WasmPkg; factory: () => unknown; appOwned: boolean }> {
  const engine = engineOf(tf);
  const before = 'wasm' in engine.registryFactory;
  const wasmPkg = await withTimeout(import('@tensorflow/tfjs-backend-wasm'), left(), 'Loading @tensorflow/tfjs-backend-wasm');
  const entry = engine.registryFactory.wasm;
  if (!entry) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', "@tensorflow/tfjs-backend-wasm did not register its backend with this @tensorflow/tfjs-core (two copies of tfjs-core? `npm ls @tensorflow/tfjs-core` should show one).");
  }
  const factory = entry.factory;
  // Registered by our import, not by the app: take the registration back (the kernels the package
  // registered for 'wasm' stay in tfjs's kernel registry, where they do nothing for other backends).
  if (!before && !(engine.registry.wasm)) tf.removeBackend('wasm');
  return { wasmPkg, factory, appOwned: before };
}

async function startWasm(tf: Tf, opts: TfInitOptions): Promise<TfRuntime> {
  const timeoutMs = resolveInitTimeout(opts.timeoutMs);
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const engine = engineOf(tf);
  const { wasmPkg, factory, appOwned } = await wasmFactory(tf, left);
  // The app already started its wasm backend: share that instance (and its binary).
  const existing = appOwned ? engine.registry.wasm : undefined;
  if (existing) {
    const threads = tfjsRunningThreads(existing) ?? 1;
    return { tf, backend: 'wasm', instance: existing, simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')), threads };
  }
  // Started here: if the app registered 'wasm', its own later start reuses this instance.
  const publish = (instance: unknown) => { if (appOwned && !engine.registry.wasm) engine.registry.wasm = instance; return instance; };
  const caps = getCapabilities();
  // The same flags tfjs reads to choose its binary; threads only where SharedArrayBuffer is usable.
  if (!caps.threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!caps.simd) tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threaded = simd && Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  if (threaded) {
    if (opts.threads !== undefined && opts.threads > 0) wasmPkg.setThreadsCount(opts.threads);
    try {
      // The pthread pool gets a bounded share of the budget: a pool that cannot start falls back
      // to the SIMD build well before the init timeout.
      const startMs = Math.round(Math.max(1500, Math.min(10_000, left() / 2)));
      const instance = publish(await bringUp(tf, wasmPkg, factory, 'tfjs-backend-wasm-threaded-simd.wasm', left, { urls: threadUrls(), startMs, count: opts.threads }));
      const reported = wasmPkg.getThreadsCount();
      const running = tfjsRunningThreads(instance);
      // What XNNPACK's pool really runs on: the pthreads emscripten started for it plus this thread.
      const threads = running !== undefined && running !== reported ? running : reported;
      return { tf, backend: 'wasm', instance, simd, threads, ...(running !== undefined && running !== reported ? { note: `tfjs reports ${reported} threads but runs ${running}` } : {}) };
    } catch (e) {
      if (!(e instanceof TfjsThreadsError)) throw e;
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      const note = `threads unavailable (${e.message}); running tfjs's SIMD build without threads`;
      const instance = publish(await bringUp(tf, wasmPkg, factory, tfjsBinaryFor(simd, false), left));
      return { tf, backend: 'wasm', instance, simd, threads: 1, note };
    }
  }
  const instance = publish(await bringUp(tf, wasmPkg, factory, tfjsBinaryFor(simd, false), left));
  return { tf, backend: 'wasm', instance, simd, threads: 1 };
}

/** 'cpu': the SDK's kernel on its own memory (byte-identical); no tfjs backend is started. */
async function startCpu(tf: Tf): Promise<TfRuntime> {
  return { tf, backend: 'cpu', instance: null, simd: false, threads: 1 };
}

/**
 * Initialises tfjs once (module-level promise) and returns the runtime that came up.
 *
 * @throws {EdgeAugmentError} `WASM_INIT_TIMEOUT`, `WASM_INIT_FAILED` or `BACKEND_UNAVAILABLE`.
 */
/**
 * Validates an init timeout (the `initTimeoutMs` option): undefined → 30,000 ms; otherwise a finite
 * number of milliseconds > 0 (at most 2³¹ − 1, setTimeout's limit).
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for NaN, strings, negative or zero values.
 */
export function resolveInitTimeout(ms: unknown): number {
  if (ms === undefined) return 30_000;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 2_147_483_647) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `initTimeoutMs must be a number of milliseconds in (0, 2147483647], got ${typeof ms === 'number' ? String(ms) : typeof ms}.`);
  }
  return ms;
}

export function initTf(opts: TfInitOptions = {}): Promise<TfRuntime> {
  resolveInitTimeout(opts.timeoutMs);
  if (pending) return pending;
  const p = (async () => {
    const tf = await import('./tfjs-core-api.js');
    const choice = opts.backend ?? 'wasm';
    const up = (r: TfRuntime) => { useSdkBackend(r.backend === 'wasm' ? { name: 'wasm', backend: r.instance } : { name: 'cpu', backend: null }); return r; };
    if (choice === 'cpu') return up(await startCpu(tf));
    try {
      return up(await startWasm(tf, opts));
    } catch (e) {
      if (choice === 'auto') {
        const r = await startCpu(tf);
        return up({ ...r, note: `wasm backend unavailable (${(e as Error).message}); running on cpu` });
      }
      throw e instanceof EdgeAugmentError ? e : new EdgeAugmentError('WASM_INIT_FAILED', `tfjs 'wasm' backend failed: ${(e as { message?: string })?.message ?? String(e)}`, { cause: e });
    }
  })();
  pending = p;
  p.catch(() => { if (pending === p) pending = undefined; });
  return p;
}
