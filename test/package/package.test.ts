/** Packaging: exports map and files (publint), tree-shaking of dist, and the public types. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';

const root = new URL('../../', import.meta.url).pathname;

describe('package', () => {
  it('publint finds no errors in package.json / exports', () => {
    const r = spawnSync(process.execPath, [join(root, 'node_modules/publint/src/cli.js'), '--strict'], { cwd: root, encoding: 'utf8' });
    expect(r.stdout + r.stderr).not.toMatch(/Errors?:/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('tree-shakes: importing only the spec helpers pulls in neither tfjs nor the codecs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ea-shake-'));
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, `import { normalizeSpec, parseKerasArgs } from ${JSON.stringify(join(root, 'dist/web/index.js'))};\nconsole.log(normalizeSpec(parseKerasArgs('rotation_range=5').spec));\n`);
    const r = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', minify: true, treeShaking: true, external: ['node:*'], logLevel: 'silent', metafile: true });
    // Modules that contribute bytes to the output (esbuild parses everything reachable, then drops).
    const inputs = Object.values(r.metafile!.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k));
    expect(inputs.some((f) => f.includes('dist/web/index.js'))).toBe(true);
    expect(inputs.filter((f) => f.includes('@tensorflow'))).toEqual([]);
    expect(inputs.filter((f) => f.includes('@jsquash'))).toEqual([]);
    expect(inputs.filter((f) => f.includes('node_modules/comlink'))).toEqual([]);
    // 48 KB (measured 42 KB, Dec 2026): ~32 KB of it is what any import of the main entry carries — module-level
    // values esbuild cannot prove pure (op definitions whose field tables call helpers, Object.freeze tables,
    // the error codes); tfjs, the codecs and comlink — the point of this test — stay out.
    expect(r.outputFiles[0]!.text.length).toBeLessThan(48_000);
  });

  it('tfjs-core is bundled by the names the SDK calls, and loaded lazily (not by edge-augment/stats)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ea-shake-'));
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, `import { createAugmenter } from ${JSON.stringify(join(root, 'dist/web/index.js'))};\nconsole.log(createAugmenter);\n`);
    const r = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', minify: true, treeShaking: true, external: ['node:*', '@jsquash/*'], logLevel: 'silent', metafile: true, outdir: dir, splitting: true });
    const core = Object.values(r.metafile!.outputs).flatMap((o) => Object.entries(o.inputs)).filter(([k]) => k.includes('@tensorflow/tfjs-core/')).reduce((s, [, v]) => s + v.bytesInOutput, 0);
    // Measured 124 KB (Dec 2026): what the SDK and tfjs-backend-wasm import, plus tfjs-core's side-effect modules.
    // An `import('@tensorflow/tfjs-core')` namespace (kept whole: every op, optimizer and io handler) made it 252 KB.
    expect(core).toBeGreaterThan(50_000);
    expect(core).toBeLessThan(160_000);
    // No module an entry imports statically imports tfjs: it comes with the first augmenter.
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      const code = readFileSync(join(root, 'dist/web', f), 'utf8');
      expect(code, f).not.toMatch(/^(?:import|export)\b[^\n]*['"]@tensorflow\//m);
      for (const m of code.matchAll(/(?:from|import)\s*['"]\.\/([^'"]+\.js)['"]/g)) visit(m[1]!);
    };
    visit('index.js');
    visit('stats.js');
    expect(seen.size).toBeGreaterThan(2);
  });

  it('edge-augment/stats tree-shakes per function (the main entry\'s `stats` object is kept whole)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ea-shake-'));
    const size = async (code: string) => {
      const entry = join(dir, 'entry.js');
      writeFileSync(entry, code);
      const r = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', minify: true, treeShaking: true, external: ['node:*'], logLevel: 'silent' });
      return r.outputFiles[0]!.text.length;
    };
    const stats = JSON.stringify(join(root, 'dist/web/stats.js'));
    const names = Object.keys(await import(join(root, 'dist/node/stats.js')));
    expect(names).toContain('ks2samp');
    expect(names.length).toBeGreaterThan(15);
    const ks = await size(`import { ks2samp } from ${stats};\nconsole.log(ks2samp([1, 2, 3], [2, 3, 4]));\n`);
    const all = await size(`import * as s from ${stats};\nconsole.log(${names.map((n) => `s.${n}`).join(', ')});\n`);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['./stats'].default).toBe('./dist/web/stats.js');
    // Measured: ks2samp alone 11 KB, all the functions 36 KB.
    expect(ks).toBeLessThan(16_000);
    expect(ks).toBeLessThan(all / 2);
  });

  it('dist holds only what the entries reach (no stale chunks of earlier builds would ship)', () => {
    for (const target of ['web', 'node']) {
      const dir = join(root, 'dist', target);
      const js = readdirSync(dir).filter((f) => f.endsWith('.js') && !f.startsWith('tfjs-backend-wasm'));
      const reached = new Set<string>();
      const visit = (f: string) => {
        if (reached.has(f)) return;
        reached.add(f);
        for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/(?:from|import\()\s*['"]\.\/([^'"]+\.js)['"]/g)) visit(m[1]!);
      };
      for (const entry of ['index.js', 'stats.js', 'engine.worker.js', ...(target === 'node' ? ['cli.js'] : [])]) visit(entry);
      expect(js.filter((f) => !reached.has(f)), `unreachable files in dist/${target}`).toEqual([]);
    }
  });

  it('public types compile for a user (and reject misuse via @ts-expect-error)', () => {
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'test/types/tsconfig.json')], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 120_000);
});
