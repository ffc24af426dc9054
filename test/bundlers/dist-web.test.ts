/**
 * What a bundler sees in the browser build (dist/web): no `node:` import anywhere, and every file the
 * SDK fetches named by a static `new URL('./file', import.meta.url)` (a template literal becomes a
 * glob in Vite and a context module in webpack). The binaries ship once (dist/node reads dist/web's).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSET_NAMES } from '../../src/runtime/assets.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const WEB = join(ROOT, 'dist', 'web');
const NODE = join(ROOT, 'dist', 'node');
if (!existsSync(join(WEB, 'index.js'))) throw new Error('dist/web is missing: run `npm run build` first.');

const js = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }));

describe('dist/web as bundlers see it', () => {
  it('imports nothing from node: (static, dynamic or require)', () => {
    for (const { f, text } of js(WEB)) {
      expect(text.match(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"`]node:[^'"`]*/g), f).toBeNull();
    }
  });

  it('every binary and the worker are referenced by static string literals', () => {
    const all = js(WEB).map((x) => x.text).join('\n');
    for (const name of [...ASSET_NAMES, 'engine.worker.js', 'tfjs-backend-wasm-threaded-simd.worker.js', 'tfjs-backend-wasm-threaded-simd.js']) {
      expect(all, name).toMatch(new RegExp(`new URL\\(\\s*['"]\\./${name.replace(/\./g, '\\.')}['"]\\s*,\\s*import\\.meta\\.url\\s*\\)`));
    }
    expect(all).toMatch(/new Worker\(new URL\('\.\/engine\.worker\.js', import\.meta\.url\), \{ type: 'module' \}\)/);
    expect(all).not.toMatch(/new URL\(\s*`/);
  });

  it('the worker entry is self-contained but for the JPEG codec (dynamic imports that Vite and webpack resolve; only the jpeg op loads it in a worker)', () => {
    const w = readFileSync(join(WEB, 'engine.worker.js'), 'utf8');
    const imports = w.match(/\bimport\s*\(\s*['"][^'"]+['"]|\bfrom\s*['"][^'"]+['"]/g) ?? [];
    // Vite inlines a worker's dynamic imports (its default worker format): a PNG or WebP codec referenced
    // here would ship its glue in every app's worker bundle.
    expect(imports.map((i) => i.replace(/^import\s*\(\s*['"]|['"]$/g, '')).sort()).toEqual(['@jsquash/jpeg/decode.js', '@jsquash/jpeg/encode.js']);
  });

  it('binaries ship once: dist/node has none', () => {
    for (const f of ASSET_NAMES) expect(existsSync(join(WEB, f)), f).toBe(true);
    expect(readdirSync(NODE).filter((f) => f.endsWith('.wasm') || f.startsWith('tfjs-backend-wasm'))).toEqual([]);
  });
});
