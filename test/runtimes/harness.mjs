/**
 * Runs the seeded job (job.mjs) in each runtime as a child process / server, from Node. Shared by the
 * vitest files in this folder and scripts/check-runtimes.mjs. Every runner returns
 * `{ name, ok, hash?, result?, error?, stderr, ms }` and never throws for a runtime failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'node_modules', '.bin');
export const DIST_NODE = join(ROOT, 'dist', 'node', 'index.js');
export const DIST_WEB = join(ROOT, 'dist', 'web');
export const WORK = join(tmpdir(), `edge-augment-runtimes-${process.pid}`);

export function requireDist() {
  if (!existsSync(DIST_NODE) || !existsSync(join(DIST_WEB, 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test and npm run check:runtimes do).');
}

let imageP;
/**
 * Decodes samples/astronaut.png once, here in Node, with the SDK's WASM decoder; every runtime gets
 * these RGBA bytes (so all of them start from identical pixels).
 */
export function sampleImage() {
  imageP ??= (async () => {
    requireDist();
    const { readFileSync } = await import('node:fs');
    const pkg = await import(pathToFileURL(DIST_NODE).href);
    const png = readFileSync(join(ROOT, 'samples', 'astronaut.png'));
    const img = await pkg.decodeImage(png, { decoder: 'wasm' });
    mkdirSync(WORK, { recursive: true });
    const path = join(WORK, 'astronaut.rgba');
    writeFileSync(path, img.data);
    return { path, png, width: img.width, height: img.height, data: img.data };
  })();
  return imageP;
}

/** Lines a runtime may print on stderr that are not failures. */
const BENIGN = [
  /^\s*$/,
  /^Download(ing)? /i, // deno/bun first-run notices (none expected offline)
];

/** stderr without known benign lines. */
export function unexpectedStderr(stderr) {
  return stderr.split('\n').filter((l) => !BENIGN.some((re) => re.test(l))).join('\n').trim();
}

/** Spawns a command; resolves with { code, stdout, stderr, ms } (kills it after timeoutMs). */
export function run(cmd, args, { env, timeoutMs = 120_000, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { stderr += `\n[harness] killed after ${timeoutMs} ms`; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { stderr += `\n[harness] ${e.message}`; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, ms: Date.now() - t0 }); });
  });
}

function parseResult(name, r) {
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  const out = { name, stderr: r.stderr, stdout: r.stdout, ms: r.ms, code: r.code };
  if (!line) return { ...out, ok: false, error: `no RESULT line (exit ${r.code})\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}` };
  const result = JSON.parse(line.slice(7));
  if (result.error) return { ...out, ok: false, result, error: `${result.error.code ?? result.error.name}: ${result.error.message}` };
  return { ...out, ok: r.code === 0, result, hash: result.hash, error: r.code === 0 ? undefined : `exit ${r.code}` };
}

const cliEntry = join(ROOT, 'test', 'runtimes', 'entries', 'cli.mjs');

async function cliArgs(workers, pkgSpec) {
  const img = await sampleImage();
  return JSON.stringify({ pkg: pkgSpec, rgba: img.path, width: img.width, height: img.height, workers });
}

/** Node: imports the package by its name (self-reference through the exports map → dist/node). */
export async function runNode(workers = 0) {
  return parseResult(`node ${workers ? `${workers} worker${workers > 1 ? 's' : ''}` : 'inline'}`, await run(process.execPath, [cliEntry, await cliArgs(workers, 'edge-augment')]));
}

/** Deno (npm `deno`): `deno run --allow-read` on dist/node (Deno's node_modules resolution). */
export async function runDeno(workers = 1) {
  const args = ['run', '--allow-read', '--quiet', '--no-prompt', cliEntry, await cliArgs(workers, pathToFileURL(DIST_NODE).href)];
  return parseResult(`deno ${workers ? `${workers} worker${workers > 1 ? 's' : ''}` : 'inline'}`, await run(join(BIN, 'deno'), args, { env: { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' } }));
}

/** Bun (npm `bun`): imports the package by name (exports condition `bun` → dist/node). */
export async function runBun(workers = 1) {
  return parseResult(`bun ${workers ? `${workers} worker${workers > 1 ? 's' : ''}` : 'inline'}`, await run(join(BIN, 'bun'), [cliEntry, await cliArgs(workers, 'edge-augment')]));
}
