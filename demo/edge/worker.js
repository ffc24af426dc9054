/**
 * edge-augment on Cloudflare Workers / workerd — a complete worker.
 *
 * workerd forbids compiling WebAssembly from bytes at run time, so every binary is imported as a
 * `CompiledWasm` module (a ready `WebAssembly.Module`) and handed to the SDK: tfjs's binaries and the
 * warp kernel with `setWasmPaths`, the image codecs with `setCodecModules`. There is no Worker in
 * workerd: the augmenter runs inline in the isolate (`workers: 'auto'` → 0).
 *
 * Routes
 *   POST /augment?variants=8&seed=1234         body: a PNG/JPEG/WebP upload
 *        → JSON { width, height, sha256, outputs: [{ index, params }] }
 *   POST /augment?variants=8&seed=1234&image=k → the k-th output as image/png
 *   POST /augment-raw?width=W&height=H&variants=8&seed=1234   body: raw RGBA bytes
 *        → the outputs' bytes concatenated (x-edge-augment-sha256 header; x-edge-augment-sizes: W×H×C each)
 *   Any route also takes &pipeline=<JSON op pipeline> (URL-encoded) instead of the Keras seed config,
 *   e.g. [{"op":"randomResizedCrop","size":160},{"op":"corruption","corruption":"motion_blur"}].
 *   GET  /health → JSON engine info
 *
 * Build: `node demo/edge/build.mjs` (bundles this file + copies the .wasm files next to it), then
 * `workerd serve demo/edge/build/config.capnp` or `wrangler dev` with demo/edge/wrangler.toml.
 */
import { createAugmenter, decodeImage, encodeImage, setCodecModules, setWasmPaths } from 'edge-augment';
// CompiledWasm imports: each default export is a WebAssembly.Module.
import tfjsWasm from './wasm/tfjs-backend-wasm.wasm';
import tfjsWasmSimd from './wasm/tfjs-backend-wasm-simd.wasm';
import warpWasm from './wasm/warp.wasm';
import convWasm from './wasm/conv.wasm';
import pngWasm from './wasm/squoosh_png_bg.wasm';
import jpegDecWasm from './wasm/mozjpeg_dec.wasm';
import webpDecWasm from './wasm/webp_dec.wasm';
import jpegEncWasm from './wasm/mozjpeg_enc.wasm';

setWasmPaths({
  'tfjs-backend-wasm.wasm': tfjsWasm,
  'tfjs-backend-wasm-simd.wasm': tfjsWasmSimd,
  'warp.wasm': warpWasm,
  'conv.wasm': convWasm, // the op pipeline's kernels (blur, resize, warps, tables)
});
setCodecModules({ png: pngWasm, jpegDecode: jpegDecWasm, webpDecode: webpDecWasm, jpegEncode: jpegEncWasm });

/** The seed config of the docs (Keras ImageDataGenerator arguments, camelCase). */
const SPEC = { rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, zoomRange: 0.25, horizontalFlip: true };

// One augmenter per isolate and config (the seed config, or a pipeline sent with the request), created
// on first use (no work at import time); a few pipelines are kept.
const augmenters = new Map();
function augmenter(pipeline) {
  const key = pipeline ?? '';
  let p = augmenters.get(key);
  if (!p) {
    let config;
    try { config = pipeline ? { pipeline: JSON.parse(pipeline) } : { spec: SPEC }; } catch { throw Object.assign(new Error('pipeline must be JSON (an op list)'), { status: 400 }); }
    if (augmenters.size >= 8) { const [k, old] = augmenters.entries().next().value; augmenters.delete(k); old.then((a) => a.close(), () => undefined); }
    p = createAugmenter({ ...config, workers: 'auto', initTimeoutMs: 20_000 });
    p.catch(() => augmenters.delete(key));
    augmenters.set(key, p);
  }
  return p;
}

async function sha256Hex(bytes) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(results) {
  const out = new Uint8Array(results.reduce((s, r) => s + r.image.data.length, 0));
  let o = 0;
  for (const r of results) { out.set(r.image.data, o); o += r.image.data.length; }
  return out;
}

function intParam(url, name, fallback, min, max) {
  const v = url.searchParams.get(name);
  if (v === null) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw Object.assign(new Error(`${name} must be an integer from ${min} to ${max}`), { status: 400 });
  return n;
}

const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      if (request.method === 'GET' && url.pathname === '/health') {
        const aug = await augmenter(null);
        return json({ info: aug.info, workers: aug.workers, runtime: aug.capabilities.runtime });
      }
      if (request.method !== 'POST' || (url.pathname !== '/augment' && url.pathname !== '/augment-raw')) {
        return json({ error: 'POST an image to /augment or raw RGBA to /augment-raw' }, 404);
      }
      const variants = intParam(url, 'variants', 8, 1, 64);
      const seed = intParam(url, 'seed', 1234, 0, 2 ** 32 - 1);
      const body = new Uint8Array(await request.arrayBuffer());
      let image;
      if (url.pathname === '/augment-raw') {
        const width = intParam(url, 'width', 0, 1, 16384);
        const height = intParam(url, 'height', 0, 1, 16384);
        image = { data: body, width, height, channels: 4 };
      } else {
        image = await decodeImage(body, { decoder: 'wasm', channels: 4 });
      }
      const aug = await augmenter(url.searchParams.get('pipeline'));
      const results = await aug.augment(image, { variants, seed });
      const all = concat(results);
      const sha256 = await sha256Hex(all);
      if (url.pathname === '/augment-raw') {
        const sizes = results.map((r) => `${r.image.width}x${r.image.height}x${r.image.channels}`).join(',');
        return new Response(all, { headers: { 'content-type': 'application/octet-stream', 'x-edge-augment-sha256': sha256, 'x-edge-augment-sizes': sizes, 'x-edge-augment-info': JSON.stringify(aug.info) } });
      }
      const k = url.searchParams.get('image');
      if (k !== null) {
        const i = intParam(url, 'image', 0, 0, variants - 1);
        const png = await encodeImage(results[i].image, { format: 'png' });
        return new Response(png, { headers: { 'content-type': 'image/png', 'x-edge-augment-params': JSON.stringify(results[i].params) } });
      }
      return json({ width: image.width, height: image.height, sha256, info: aug.info, outputs: results.map((r) => ({ index: r.index, params: r.params })) });
    } catch (e) {
      return json({ error: e?.message ?? String(e), code: e?.code }, e?.status ?? (e?.code?.startsWith?.('INVALID') || e?.code === 'DECODE_FAILED' || e?.code === 'UNSUPPORTED_FORMAT' || e?.code === 'TRUNCATED_IMAGE' ? 400 : 500));
    }
  },
};
