/**
 * Runs the seeded job (job.mjs) in each runtime as a child process / server, from Node. Shared by the
 * vitest files in this folder and scripts/check-runtimes.mjs. Every runner returns
 * `{ name, ok, hash?, result?, error?, stderr, ms }` and never throws for a runtime failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'node_modules', '.bin');
/** Real executables (the npm wrappers would leave the binary running when killed). */
export async function binaries() {
  const { createRequire } = await import('node:module');
  const req = createRequire(join(ROOT, 'package.json'));
  const wd = await import('workerd');
  const pick = (...c) => c.find((p) => p && existsSync(p));
  let denoBin;
  try { denoBin = pick(join(dirname(req.resolve('deno/package.json')), 'deno'), join(dirname(req.resolve(`@deno/${process.platform === 'linux' ? `linux-${process.arch === 'x64' ? 'x64' : 'arm64'}-glibc` : 'x'}/package.json`)), 'deno')); } catch { /* below */ }
  return { deno: denoBin ?? join(BIN, 'deno'), bun: join(BIN, 'bun'), workerd: wd.default?.default ?? join(BIN, 'workerd') };
}
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
  return parseResult(`deno ${workers ? `${workers} worker${workers > 1 ? 's' : ''}` : 'inline'}`, await run((await binaries()).deno, args, { env: { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' } }));
}

/** Bun (npm `bun`): imports the package by name (exports condition `bun` → dist/node). */
export async function runBun(workers = 1) {
  return parseResult(`bun ${workers ? `${workers} worker${workers > 1 ? 's' : ''}` : 'inline'}`, await run((await binaries()).bun, [cliEntry, await cliArgs(workers, 'edge-augment')]));
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitFor(url, ms, isDead) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    if (isDead()) throw new Error('server exited');
    try {
      const r = await fetch(url);
      if (r.ok) return r;
      last = new Error(`HTTP ${r.status}: ${await r.text()}`);
    } catch (e) { last = e; }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} not ready within ${ms} ms: ${last?.message}`);
}

/**
 * workerd (npm `workerd`): builds demo/edge (the Cloudflare Worker example, CompiledWasm modules,
 * inline mode) into a temp folder, serves it, POSTs the raw RGBA (the job) and the PNG upload
 * (decoded in workerd by the SDK's WASM decoder) and asks for one output as PNG.
 */
export async function runWorkerd() {
  const name = 'workerd inline';
  const t0 = Date.now();
  const img = await sampleImage();
  const out = join(WORK, 'edge');
  const { build } = await import(pathToFileURL(join(ROOT, 'demo', 'edge', 'build.mjs')).href);
  await build(out);
  const port = await freePort();
  const child = spawn((await binaries()).workerd, ['serve', join(out, 'config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`], { cwd: out, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '', exited = false;
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('exit', () => { exited = true; });
  const base = `http://127.0.0.1:${port}`;
  try {
    const health = await (await waitFor(`${base}/health`, 30_000, () => exited)).json();
    const raw = await fetch(`${base}/augment-raw?width=${img.width}&height=${img.height}&variants=8&seed=1234`, { method: 'POST', body: img.data });
    if (!raw.ok) throw new Error(`augment-raw: HTTP ${raw.status} ${await raw.text()}`);
    const bytes = new Uint8Array(await raw.arrayBuffer());
    const { sha256Hex } = await import('./job.mjs');
    const hash = await sha256Hex(bytes);
    if (hash !== raw.headers.get('x-edge-augment-sha256')) throw new Error('augment-raw: body and header hashes differ');
    const upload = await fetch(`${base}/augment?variants=8&seed=1234`, { method: 'POST', body: img.png });
    const uploaded = await upload.json();
    if (!upload.ok) throw new Error(`augment (PNG upload): HTTP ${upload.status} ${JSON.stringify(uploaded)}`);
    const pngRes = await fetch(`${base}/augment?variants=8&seed=1234&image=3`, { method: 'POST', body: img.png });
    const png = new Uint8Array(await pngRes.arrayBuffer());
    const isPng = pngRes.ok && png[0] === 0x89 && png[1] === 0x50 && png[2] === 0x4e && png[3] === 0x47;
    return {
      name, ok: true, hash, ms: Date.now() - t0, stdout, stderr,
      result: { hash, bytes: bytes.length, info: health.info, workers: health.workers, runtime: health.runtime, uploadHash: uploaded.sha256, pngOutput: isPng ? png.length : 0, params3: pngRes.headers.get('x-edge-augment-params') },
    };
  } catch (e) {
    return { name, ok: false, error: e.message, ms: Date.now() - t0, stdout, stderr };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (exited ? r() : child.once('exit', r)));
  }
}
