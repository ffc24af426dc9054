// The bundler test app's page: imports the package by name, exactly as an app would (named imports,
// so the bundler can leave out what the app does not use).
import { buildProfile, createAugmenter, createDriftMonitor } from 'edge-augment';
import { runApp } from './job.js';

globalThis.runBundlerApp = async (options = {}) => {
  try {
    const meta = await (await fetch('./astronaut.json')).json();
    const data = new Uint8Array(await (await fetch('./astronaut.rgba')).arrayBuffer());
    const r = await runApp({ buildProfile, createAugmenter, createDriftMonitor }, { data, width: meta.width, height: meta.height, channels: 4 }, options);
    return { ...r, crossOriginIsolated: globalThis.crossOriginIsolated === true };
  } catch (e) {
    return { error: { name: e?.name, code: e?.code, message: e?.message, stack: e?.stack } };
  }
};
globalThis.bundlerAppReady = true;
