/**
 * A pool of engine workers behind Comlink: bounded in-flight work per worker (backpressure), tasks
 * re-run on a replacement when a worker dies (no item lost, none duplicated), AbortSignal on every
 * task, and `close()` that releases everything. Workers are made with the literal
 * `new Worker(new URL('./engine.worker.js', import.meta.url), { type: 'module' })` so bundlers see them.
 *
 * Start-up is bounded by the init timeout: a worker that never answers (a browser blocks the script,
 * e.g. COEP on the page but not on the worker script) or never finishes init rejects `start()` with
 * a typed error instead of hanging. A worker that dies before it is ready is a start failure (no
 * endless replacement loop); after that, a death is a crash: the worker is replaced and its tasks
 * re-run.
 */
import * as Comlink from 'comlink';
import { defaultNodeWorkerUrl, nodeWorkerThreads } from '../platform/node.js';
import { EdgeAugmentError, abortError } from '../errors.js';
import type { EngineApi } from '../../workers/engine.worker.js';
import type { EngineConfig, EngineInfo, EngineInit, JobEntry, JobEntryResult } from '../engine/engine.js';
import { getCapabilities } from './capabilities.js';
import { resolveInitTimeout } from './tfjs-init.js';
import { installErrorTransfer } from './comlink-errors.js';
import { decodeResult, encodeTask } from './wire.js';

interface Slot {
  id: number;
  remote: Comlink.Remote<EngineApi>;
  ready: Promise<EngineInfo>;
  inFlight: Set<Task>;
  dead: boolean;
  /** `ready` resolved: from then on a death is a crash to recover from, before it a start failure. */
  started: boolean;
  /** Rejects `ready` (worker died or was blocked before it finished init). */
  failStart(e: unknown): void;
  /** Rejects when the worker dies or the pool closes: cancels the start-up timers. */
  died: Promise<never>;
  terminate(): void;
}

interface Task {
  entries: JobEntry[];
  output: 'raw' | 'float';
  /** Recycled output buffers, transferred to the worker with the task (once: a retry goes without). */
  reuse?: ArrayBuffer[];
  /** A call other than `run` (e.g. image features); when set, entries/output are unused. */
  call?: (remote: Comlink.Remote<EngineApi>) => Promise<unknown>;
  resolve(r: JobEntryResult[] | unknown): void;
  reject(e: unknown): void;
  signal?: AbortSignal;
  attempts: number;
  settled: boolean;
}

/** The tasks of one AbortSignal and its one listener (a listener per task would pile up on a signal). */
interface AbortWatch {
  tasks: Set<Task>;
  onAbort(): void;
}

/** Bytes of returned staging buffers kept for reuse at most (a task stages ≤ 12 MB unless one image is bigger). */
const STAGING_LIMIT = 256 * 1024 * 1024;

/** Options of {@link WorkerPool}. */
export interface PoolOptions {
  size: number;
  init: EngineInit;
  /** Max tasks running or queued on one worker at once. Default 2. */
  maxInFlightPerWorker?: number;
  /** A task is retried on a fresh worker at most this many times. Default 3. */
  maxAttempts?: number;
  /** Custom worker URL (advanced; defaults to the bundled engine.worker.js next to this file). */
  workerUrl?: string | URL;
}

async function spawn(url: URL | undefined, onDeath: (err: unknown) => void): Promise<{ remote: Comlink.Remote<EngineApi>; terminate(): void }> {
  const caps = getCapabilities();
  if (caps.worker === 'web') {
    const w = url ? new Worker(url, { type: 'module' }) : new Worker(new URL('./engine.worker.js', import.meta.url), { type: 'module' });
    w.addEventListener('error', (ev) => {
      ev.preventDefault?.();
      const e = ev as ErrorEvent;
      // A script that fails to load gives an error event with no error and no message.
      onDeath(e.error ?? new Error(e.message || `the worker script ${String(url ?? 'engine.worker.js')} failed to load or threw at start. Check the network panel; when the page is cross-origin isolated (COOP/COEP), the worker script must be served with the same Cross-Origin-Embedder-Policy header.`));
    });
    w.addEventListener('messageerror', () => onDeath(new Error('worker message could not be deserialised')));
    return { remote: Comlink.wrap<EngineApi>(w), terminate: () => w.terminate() };
  }
  if (caps.worker === 'worker_threads') {
    const { Worker: NodeWorker } = await nodeWorkerThreads();
    const nodeEndpoint = (await import('comlink/dist/esm/node-adapter.mjs')).default;
    const w = new NodeWorker(url ?? defaultNodeWorkerUrl());
    let gone = false;
    w.on('error', (e) => { if (!gone) { gone = true; onDeath(e); } });
    w.on('exit', (code) => { if (!gone) { gone = true; onDeath(new Error(`worker exited with code ${code}`)); } });
    // Keep the process alive while a call waits for this worker, and only then. Every Comlink message
    // to the worker is a call that gets exactly one reply, so count them; Node re-refs a worker when a
    // 'message' listener is added (Comlink adds one in wrap()), hence the unref() after wrapping — an
    // unref() at spawn alone was undone, and an open pool kept Node running.
    const base = nodeEndpoint(w as never) as { postMessage(m: unknown, t?: unknown): void };
    let waiting = 0;
    w.on('message', () => { if (waiting > 0 && --waiting === 0) w.unref(); });
    const endpoint = { ...base, postMessage(m: unknown, t?: unknown) { if (waiting++ === 0) w.ref(); base.postMessage(m, t); } };
    const remote = Comlink.wrap<EngineApi>(endpoint as never);
    w.unref();
    return {
      remote,
      terminate: () => { gone = true; void w.terminate(); },
    };
  }
  throw new EdgeAugmentError('UNSUPPORTED_RUNTIME', `No Worker in this runtime (${caps.runtime}); use workers: 0 (inline).`);
}

/**
 * `p`, or a rejection with `error()` after `ms`. The timer is cleared when `p` settles or `cancel`
 * rejects (the worker died, the pool closed): a pending timer would keep Node alive for up to the
 * whole init timeout after `close()`.
 */
function bounded<T>(p: Promise<T>, ms: number, error: () => Error, cancel: Promise<never>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(error()), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
    cancel.catch((e) => { clearTimeout(t); reject(e); });
  });
}

/**
 * Key of the pool's fault-injection hooks, which the test suites use to kill workers mid-batch
 * (`pool[Symbol.for('edge-augment.faults')]().terminate(0)`, also across a bundled copy). A registered
 * symbol rather than named methods: not part of the API, not in the docs, not callable by accident.
 */
const FAULTS = /* #__PURE__ */ Symbol.for('edge-augment.faults');

/** Fault injection for tests (see {@link FAULTS}). */
interface PoolFaults {
  /** Make worker `i` crash from inside (an uncaught error thrown in it). */
  crash(i?: number): Promise<void>;
  /** Terminate worker `i` abruptly (as a browser might). */
  terminate(i?: number): void;
}

/** The worker pool. Use through an Augmenter; exported for advanced use and tests. */
export class WorkerPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  /** Staging buffers back from workers, for the next tasks' source pixels. */
  private staging: (ArrayBuffer | SharedArrayBuffer)[] = [];
  /** Abort listeners, one per signal. */
  private readonly aborts = new WeakMap<AbortSignal, AbortWatch>();
  /**
   * Stage in SharedArrayBuffers where this realm has them (Node, Deno, Bun, cross-origin-isolated
   * pages): measured in Node 20, 12 MB staging buffers transferred back and forth made V8 run a
   * mark-compact for "external memory pressure" every ~30 ms in this thread (135 in 4 s with distinct
   * images); a shared buffer is made once and never crosses back.
   */
  private readonly sharedStaging = typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
  private stagingBytes = 0;
  private config: EngineConfig | undefined;
  private closed = false;
  private nextId = 0;
  private readonly maxInFlight: number;
  private readonly maxAttempts: number;
  private readonly url: URL | undefined;
  /** Workers replaced after a crash (for monitoring and tests). */
  replacements = 0;
  /** `start()` succeeded: from then on a worker that fails to start is a replacement to retry. */
  private poolStarted = false;
  /** Replacement workers that failed to start in a row (reset by one that starts). */
  private startFailures = 0;
  /** Replacements being started now. */
  private starting = 0;
  /** Set when no worker is left and replacements keep failing: every call rejects with it. */
  private broken: EdgeAugmentError | undefined;
  private readonly initTimeout: number;

  constructor(private readonly opts: PoolOptions) {
    installErrorTransfer(Comlink as never);
    this.maxInFlight = Math.max(1, opts.maxInFlightPerWorker ?? 2);
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
    this.url = opts.workerUrl === undefined ? undefined : new URL(String(opts.workerUrl));
    this.initTimeout = resolveInitTimeout(opts.init?.timeoutMs);
    // Fault injection for the test suites (see FAULTS): a non-enumerable own property, absent from the
    // types. Not a class member: a computed class key makes bundlers keep the class in every bundle.
    const faults: PoolFaults = {
      crash: async (i = 0) => {
        const s = this.slots[i];
        if (s) await s.remote.crash();
      },
      terminate: (i = 0) => {
        const s = this.slots[i];
        if (s) this.onDeath(s, new Error('worker terminated'));
      },
    };
    Object.defineProperty(this, FAULTS, { value: () => faults });
  }

  /** Starts the workers and waits until every one has initialised. */
  async start(): Promise<EngineInfo> {
    const infos = await Promise.all(Array.from({ length: this.opts.size }, () => this.addSlot().then((s) => s.ready)));
    this.poolStarted = true;
    return infos[0]!;
  }

  get size(): number {
    return this.slots.length;
  }

  private async addSlot(): Promise<Slot> {
    const id = this.nextId++;
    const slot = { id, inFlight: new Set<Task>(), dead: false, started: false } as Slot;
    const died = new Promise<never>((_, reject) => { slot.failStart = reject; });
    died.catch(() => undefined);
    slot.died = died;
    const w = await spawn(this.url, (err) => this.onDeath(slot, err));
    slot.remote = w.remote;
    slot.terminate = w.terminate;
    slot.ready = Promise.race([this.bringUp(slot), died]);
    this.slots.push(slot);
    slot.ready.then(() => { slot.started = true; this.startFailures = 0; this.pump(); }, (e) => this.onDeath(slot, e));
    return slot;
  }

  /** ping → init → configure, all within the init timeout. */
  private async bringUp(slot: Slot): Promise<EngineInfo> {
    const total = this.initTimeout;
    const deadline = Date.now() + total;
    await bounded(slot.remote.ping(), total, () => new EdgeAugmentError('WORKER_FAILED',
      `A worker did not start within ${total} ms. In a browser the worker script may be blocked: when the page is cross-origin isolated (COOP/COEP), serve engine.worker.js (and its chunks) with the same Cross-Origin-Embedder-Policy header; check the console/network panel.`), slot.died);
    const left = Math.max(1, deadline - Date.now());
    // The worker enforces the timeout on its own init; this guard only catches a worker that stops answering.
    const info = await bounded(slot.remote.init({ ...this.opts.init, timeoutMs: left }), left + 500, () => new EdgeAugmentError('WASM_INIT_TIMEOUT',
      `A worker did not finish initialising within ${total} ms.`), slot.died);
    if (this.config) await slot.remote.configure(this.config);
    return info;
  }

  private onDeath(slot: Slot, err: unknown): void {
    if (slot.dead) return;
    slot.dead = true;
    try { slot.terminate(); } catch { /* already gone */ }
    this.slots = this.slots.filter((s) => s !== slot);
    const orphans = [...slot.inFlight];
    slot.inFlight.clear();
    const startError = err instanceof EdgeAugmentError ? err : new EdgeAugmentError('WORKER_FAILED', `A worker failed to start: ${(err as Error)?.message ?? String(err)}`, { cause: err });
    slot.failStart(startError);
    if (this.closed) return;
    if (!slot.started && this.poolStarted) {
      // A replacement died while starting. Its tasks never ran: back to the queue, and try again —
      // the pool must not shrink for good (it did: 2 → 1 → 0 workers, then calls never settled).
      for (const t of orphans) if (!t.settled) this.queue.unshift(t);
      this.startFailures++;
      if (this.startFailures < this.maxAttempts) { this.replace(); return; }
      if (!this.slots.length && !this.starting) { this.breakPool(startError); return; }
      this.pump();
      return;
    }
    // Start and init failures of the initial workers are not retried forever: surface them.
    if (!slot.started || (err instanceof EdgeAugmentError && (err.code === 'WASM_INIT_FAILED' || err.code === 'WASM_INIT_TIMEOUT'))) {
      const e = startError;
      for (const t of [...orphans, ...this.queue]) this.fail(t, e);
      this.queue = [];
      if (this.poolStarted && !this.slots.length && !this.starting) this.breakPool(e);
      return;
    }
    for (const t of orphans) {
      if (t.settled) continue;
      t.attempts++;
      if (t.attempts >= this.maxAttempts) this.fail(t, new EdgeAugmentError('WORKER_FAILED', `A worker failed ${t.attempts} times running the same task: ${(err as Error)?.message ?? String(err)}`, { cause: err }));
      else this.queue.unshift(t);
    }
    this.replace();
  }

  /** Starts a replacement worker; a spawn that throws counts as a start failure. */
  private replace(): void {
    this.replacements++;
    this.starting++;
    this.addSlot().then(
      (s) => { this.starting--; s.ready.catch(() => undefined); },
      (e) => {
        this.starting--;
        this.startFailures++;
        if (this.closed) return;
        if (this.startFailures < this.maxAttempts) { this.replace(); return; }
        if (!this.slots.length && !this.starting) this.breakPool(e instanceof EdgeAugmentError ? e : new EdgeAugmentError('WORKER_FAILED', `A replacement worker could not be started: ${(e as Error)?.message ?? String(e)}`, { cause: e }));
      },
    );
  }

  /** No worker left and none can be started: fail what waits and every later call (never hang). */
  private breakPool(cause: EdgeAugmentError): void {
    this.broken = new EdgeAugmentError('WORKER_FAILED', `The worker pool has no worker left: ${this.maxAttempts} replacement workers in a row failed to start (${cause.message}).`, { cause });
    for (const t of this.queue) this.fail(t, this.broken);
    this.queue = [];
  }

  private fail(t: Task, e: unknown): void {
    if (t.settled) return;
    t.settled = true;
    this.unwatch(t);
    t.reject(e);
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length) {
      const slot = this.slots.filter((s) => !s.dead).sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
      if (!slot || slot.inFlight.size >= this.maxInFlight) return;
      const t = this.queue.shift()!;
      if (t.settled) continue;
      slot.inFlight.add(t);
      slot.ready
        .then(() => (t.call ? t.call(slot.remote) : this.runTask(slot, t)))
        .then(
          (r) => {
            if (slot.dead && !slot.inFlight.has(t)) return; // already re-queued elsewhere
            slot.inFlight.delete(t);
            if (!t.settled) {
              t.settled = true;
              this.unwatch(t);
              t.resolve(r as JobEntryResult[]);
            }
            this.pump();
          },
          (e) => {
            if (slot.dead && !slot.inFlight.has(t)) return;
            slot.inFlight.delete(t);
            this.fail(t, e);
            this.pump();
          },
        );
    }
  }

  /**
   * Sends a `run` task to `slot` and unpacks its result. Packed at dispatch, not at enqueue: a task
   * re-run after a crash is packed anew from the caller's images, whose buffers were never moved.
   */
  private async runTask(slot: Slot, t: Task): Promise<JobEntryResult[]> {
    const reuse = t.reuse;
    t.reuse = undefined;
    let packed: ReturnType<typeof encodeTask>;
    try {
      packed = encodeTask(t.entries, t.output, (n) => this.takeStaging(n), reuse);
    } catch (e) {
      // A re-run after a crash whose inputs were moved (transfer: true) to the dead worker.
      if (t.attempts > 0 && t.entries.some((x) => x.move)) throw new EdgeAugmentError('WORKER_FAILED', 'A worker died while holding this task\'s input images, which were moved to it (transfer: true), so the task cannot be re-run. Without transfer: true, inputs are copied and a task survives a worker crash.', { cause: e });
      throw e;
    }
    const { task, transfer } = packed;
    const r = await slot.remote.run(Comlink.transfer(task, transfer));
    // The worker is done with the staging buffer once it answers (also for a task aborted meanwhile):
    // back to the pool, the transferred one or the shared one this thread kept. A worker that dies
    // never answers, and its staging buffer is simply dropped.
    this.giveStaging(r.pixels ?? task.pixels);
    return decodeResult(r, t.output, t.entries.map((e) => e.items.length));
  }

  /**
   * A staging buffer for a task's source pixels: the smallest returned one that is big enough (a bigger
   * one costs nothing to transfer), or a new one. Tasks of a batch shrink towards its end, so the big
   * buffers of its first tasks serve the small ones too and are back for the next batch's big tasks.
   */
  private takeStaging(bytes: number): ArrayBuffer | SharedArrayBuffer {
    let best = -1;
    this.staging.forEach((b, k) => {
      if (b.byteLength >= bytes && (best < 0 || b.byteLength < this.staging[best]!.byteLength)) best = k;
    });
    if (best < 0) return this.sharedStaging ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    const [b] = this.staging.splice(best, 1);
    this.stagingBytes -= b!.byteLength;
    return b!;
  }

  /** Keeps a staging buffer a worker sent back: about two per task in flight, the smallest dropped first. */
  private giveStaging(b: ArrayBuffer | SharedArrayBuffer | undefined): void {
    if (this.closed || b === undefined || b.byteLength === 0) return;
    this.staging.push(b);
    this.stagingBytes += b.byteLength;
    while (this.staging.length > 2 * this.opts.size * this.maxInFlight || this.stagingBytes > STAGING_LIMIT) {
      let small = 0;
      this.staging.forEach((x, k) => { if (x.byteLength < this.staging[small]!.byteLength) small = k; });
      this.stagingBytes -= this.staging.splice(small, 1)[0]!.byteLength;
    }
  }

  /** Sends the settings to every worker (and to any replacement later). */
  async configure(c: EngineConfig): Promise<void> {
    this.config = c;
    await Promise.all(this.slots.map((s) => s.ready.then(() => s.remote.configure(c))));
  }

  /**
   * Runs one task (a few entries) on some worker. The caller's images are copied (each distinct source
   * once) into a staging buffer that is transferred, so they stay usable; outputs come back transferred.
   */
  run(entries: JobEntry[], output: 'raw' | 'float', signal?: AbortSignal, reuse?: ArrayBuffer[]): Promise<JobEntryResult[]> {
    return this.enqueue<JobEntryResult[]>({ entries, output, reuse }, signal);
  }

  /** Runs any engine call on some worker, with the same queueing, retry and abort rules as {@link run}. */
  call<T>(fn: (remote: Comlink.Remote<EngineApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.enqueue<T>({ entries: [], output: 'raw', call: fn }, signal);
  }

  private enqueue<T>(work: Pick<Task, 'entries' | 'output' | 'call' | 'reuse'>, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new EdgeAugmentError('CLOSED', 'The augmenter was closed.'));
    if (this.broken) return Promise.reject(this.broken);
    if (signal?.aborted) return Promise.reject(abortError(signal.reason));
    return new Promise<T>((resolve, reject) => {
      const t: Task = { ...work, resolve: resolve as (r: unknown) => void, reject, signal, attempts: 0, settled: false };
      if (signal) this.watch(signal, t);
      this.queue.push(t);
      this.pump();
    });
  }


  /** Fails `t` when `signal` aborts: one listener per signal, however many tasks it covers. */
  private watch(signal: AbortSignal, t: Task): void {
    let w = this.aborts.get(signal);
    if (!w) {
      const tasks = new Set<Task>();
      const onAbort = () => {
        this.aborts.delete(signal);
        this.queue = this.queue.filter((q) => !tasks.has(q));
        for (const x of [...tasks]) this.fail(x, abortError(signal.reason));
      };
      w = { tasks, onAbort };
      this.aborts.set(signal, w);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    w.tasks.add(t);
  }

  /** Forgets `t`'s signal; the signal's listener goes with its last task. */
  private unwatch(t: Task): void {
    if (!t.signal) return;
    const w = this.aborts.get(t.signal);
    if (!w) return;
    w.tasks.delete(t);
    if (!w.tasks.size) {
      t.signal.removeEventListener('abort', w.onAbort);
      this.aborts.delete(t.signal);
    }
  }


  /** Live tensors per worker (leak checks). */
  async numTensors(): Promise<number[]> {
    return Promise.all(this.slots.map((s) => s.remote.numTensors()));
  }

  /** Stops every worker; pending tasks reject with `CLOSED`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.queue) this.fail(t, new EdgeAugmentError('CLOSED', 'The augmenter was closed.'));
    this.queue = [];
    this.staging = [];
    this.stagingBytes = 0;
    for (const s of this.slots) {
      for (const t of s.inFlight) this.fail(t, new EdgeAugmentError('CLOSED', 'The augmenter was closed.'));
      s.dead = true;
      s.failStart(new EdgeAugmentError('CLOSED', 'The augmenter was closed.')); // clears its start-up timers
      try { s.remote[Comlink.releaseProxy](); } catch { /* ignore */ }
      try { s.terminate(); } catch { /* ignore */ }
    }
    this.slots = [];
  }
}
