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
    const r = await runJob(pkg, image, options);
    const e = await runEvasionJob(pkg, image, options);
    return { ...r, evasionHash: e.hash, crossOriginIsolated: globalThis.crossOriginIsolated === true, ms: performance.now() - t0 };
  } catch (e) {
    return { error: { name: e?.name, code: e?.code, message: e?.message }, crossOriginIsolated: globalThis.crossOriginIsolated === true, ms: performance.now() - t0 };
  }
};
globalThis.runtimeJobReady = true;
