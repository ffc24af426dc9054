/**
 * Page entry for headless Chromium (bundled with esbuild together with the package's worker entry):
 * `window.runRuntimeJob(options)` fetches the raw RGBA bytes and runs the seeded job.
 */
import * as pkg from 'edge-augment';
import { runEvasionJob, runJob } from '../job.mjs';

globalThis.runRuntimeJob = async (options) => {
  const res = await fetch('/astronaut.rgba');
  const data = new Uint8Array(await res.arrayBuffer());
  const image = { data, width: Number(res.headers.get('x-width')), height: Number(res.headers.get('x-height')), channels: 4 };
  const t0 = performance.now();
  try {
    // `evasion: true` (check:runtimes) also runs the evasion job; it loads the op stages' WASM kernel,
    // which the vitest checks of the page's .wasm requests do not expect, so it is opt-in.
    const { evasion, ...augOptions } = options ?? {};
    const r = await runJob(pkg, image, augOptions);
    const e = evasion ? await runEvasionJob(pkg, image, augOptions) : null;
    return { ...r, ...(e ? { evasionHash: e.hash } : {}), crossOriginIsolated: globalThis.crossOriginIsolated === true, ms: performance.now() - t0 };
  } catch (e) {
    return { error: { name: e?.name, code: e?.code, message: e?.message }, crossOriginIsolated: globalThis.crossOriginIsolated === true, ms: performance.now() - t0 };
  }
};
globalThis.runtimeJobReady = true;
