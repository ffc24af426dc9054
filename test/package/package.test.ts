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
    // 48 KB: a few op definitions whose field tables call helpers (Math.sqrt, shared field makers) stay in
    // the bundle (~2 KB); tfjs, the codecs and comlink — the point of this test — stay out.
    expect(r.outputFiles[0]!.text.length).toBeLessThan(48_000);
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
      for (const entry of ['index.js', 'engine.worker.js', ...(target === 'node' ? ['cli.js'] : [])]) visit(entry);
      expect(js.filter((f) => !reached.has(f)), `unreachable files in dist/${target}`).toEqual([]);
    }
  });

  it('public types compile for a user (and reject misuse via @ts-expect-error)', () => {
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'test/types/tsconfig.json')], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 120_000);
});
