/**
 * What a consumer installs: the packed tarball (`npm pack`). Licence file and metadata, tfjs as a peer,
 * source maps that carry their sources, each binary once, `sideEffects` that keeps the worker and
 * CLI entries, no build at install time, and @arethetypeswrong/cli clean for an ESM-only package
 * (`require('edge-augment')` works through Node's require(esm), Node ≥ 20.19; no CommonJS build).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkgJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const TMP = mkdtempSync(join(tmpdir(), 'edge-augment-pack-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

let tarball: string;
let unpacked: string;
let files: string[];
beforeAll(() => {
  const out = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', TMP], { cwd: ROOT, encoding: 'utf8' }));
  tarball = join(TMP, out[0].filename);
  files = out[0].files.map((f: { path: string }) => f.path);
  unpacked = join(TMP, 'package');
  execFileSync('tar', ['-xzf', tarball, '-C', TMP]);
}, 120_000);

describe('the published package', () => {
  it('has the Apache-2.0 LICENSE, keywords, and declares tfjs as peers (not dependencies)', () => {
    expect(files).toContain('LICENSE');
    expect(readFileSync(join(unpacked, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(pkgJson.license).toBe('Apache-2.0');
    expect(pkgJson.keywords.length).toBeGreaterThan(3);
    for (const p of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm']) {
      expect(pkgJson.peerDependencies[p]).toMatch(/^\^4\./);
      expect(pkgJson.dependencies[p]).toBeUndefined();
    }
  });

  it('every source map carries the content of every source', () => {
    const maps = files.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const m of maps) {
      const map = JSON.parse(readFileSync(join(unpacked, m), 'utf8'));
      expect(map.sourcesContent?.length, m).toBe(map.sources.length);
      expect(map.sourcesContent.filter((c: unknown) => typeof c !== 'string'), m).toEqual([]);
    }
  });

  it('holds no binary twice', () => {
    const bins = files.filter((f) => /\.(wasm)$/.test(f) || /tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/.test(f));
    const byHash = new Map<string, string[]>();
    for (const f of bins) {
      const h = createHash('sha256').update(readFileSync(join(unpacked, f))).digest('hex');
      byHash.set(h, [...(byHash.get(h) ?? []), f]);
    }
    expect([...byHash.values()].filter((l) => l.length > 1)).toEqual([]);
    expect(bins.every((f) => f.startsWith('dist/web/'))).toBe(true);
  });

  it('sideEffects keeps the worker and CLI entries (bundlers must not drop them)', () => {
    expect(pkgJson.sideEffects).toEqual(expect.arrayContaining(['./dist/web/engine.worker.js', './dist/node/engine.worker.js', './dist/node/cli.js']));
    for (const f of pkgJson.sideEffects) expect(files).toContain(f.replace(/^\.\//, ''));
  });

  it('installing it builds nothing: `prepare` is a no-op outside the repository', () => {
    const t0 = Date.now();
    execFileSync('npm', ['run', 'prepare', '--silent'], { cwd: unpacked, encoding: 'utf8' });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(readdirSync(unpacked).sort()).toEqual(['LICENSE', 'README.md', 'THIRD-PARTY-NOTICES.md', 'dist', 'package.json']);
  });

  it('@arethetypeswrong/cli: no problem for an ESM-only package; require() works on this Node', () => {
    const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const r = JSON.parse(out);
    const problems = (r.analysis?.problems ?? []).filter((p: { resolutionKind?: string }) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(problems).toEqual([]);
    const req = execFileSync(process.execPath, ['-e', "console.log(typeof require('edge-augment').createAugmenter)"], { cwd: ROOT, encoding: 'utf8' });
    expect(req.trim()).toBe('function');
  }, 60_000);
});
