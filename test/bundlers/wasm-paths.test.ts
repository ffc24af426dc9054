/**
 * `setWasmPaths('static/edge-augment/')` (relative) resolves against the document or worker base URL
 * where there is one — not against `file://` (the README's recipe used to give file:///static/… in
 * browsers) — and against the working directory in Node.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { assetSource, setWasmPaths } from '../../src/runtime/assets.js';

const g = globalThis as { location?: { href: string } };
afterEach(() => { setWasmPaths(undefined); delete g.location; });

describe('setWasmPaths with a relative prefix', () => {
  it('resolves against location.href in a page or worker', () => {
    g.location = { href: 'https://example.com/app/index.html?x=1' };
    setWasmPaths('static/edge-augment/');
    expect(String(assetSource('warp.wasm'))).toBe('https://example.com/app/static/edge-augment/warp.wasm');
    setWasmPaths('/assets/');
    expect(String(assetSource('tfjs-backend-wasm-simd.wasm'))).toBe('https://example.com/assets/tfjs-backend-wasm-simd.wasm');
  });

  it('resolves against the working directory without a location (Node, Deno, Bun)', () => {
    setWasmPaths('vendor/wasm/');
    expect(String(assetSource('warp.wasm'))).toBe(new URL('vendor/wasm/warp.wasm', `file://${process.cwd()}/`).href);
    setWasmPaths('/opt/wasm/');
    expect(String(assetSource('warp.wasm'))).toBe('file:///opt/wasm/warp.wasm');
  });

  it('keeps absolute URLs as they are', () => {
    g.location = { href: 'https://example.com/app/' };
    setWasmPaths('https://cdn.example.net/ea/');
    expect(String(assetSource('features.wasm'))).toBe('https://cdn.example.net/ea/features.wasm');
  });

  it('defaults to the file beside the SDK', () => {
    expect(String(assetSource('warp.wasm'))).toMatch(/\/warp\.wasm$/);
  });
});
