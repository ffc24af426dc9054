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
  const child = spawn((await binaries()).workerd, ['serve', join(out, 'config.capnp'), '--socket-addr', `http=127.0.0.1:${port}`], { cwd: out, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
    // The op-pipeline and evasion jobs (test/runtimes/job.mjs), hashed like runPipelineJob: bytes + sizes.
    const { PIPELINE, EVASION, SEED, VARIANTS } = await import('./job.mjs');
    const pipelineJob = async (pipeline) => {
      const res = await fetch(`${base}/augment-raw?width=${img.width}&height=${img.height}&variants=${VARIANTS}&seed=${SEED}&pipeline=${encodeURIComponent(JSON.stringify(pipeline))}`, { method: 'POST', body: img.data });
      if (!res.ok) throw new Error(`augment-raw (pipeline): HTTP ${res.status} ${await res.text()}`);
      const out = new Uint8Array(await res.arrayBuffer());
      const sizes = new TextEncoder().encode(res.headers.get('x-edge-augment-sizes') ?? '');
      const both = new Uint8Array(out.length + sizes.length);
      both.set(out);
      both.set(sizes, out.length);
      return sha256Hex(both);
    };
    const pipelineHash = await pipelineJob(PIPELINE);
    const evasionHash = await pipelineJob(EVASION);
    return {
      name, ok: true, hash, ms: Date.now() - t0, stdout, stderr,
      result: { hash, bytes: bytes.length, info: health.info, workers: health.workers, runtime: health.runtime, uploadHash: uploaded.sha256, pngOutput: isPng ? png.length : 0, params3: pngRes.headers.get('x-edge-augment-params'), pipelineHash, evasionHash },
    };
  } catch (e) {
    return { name, ok: false, error: e.message, ms: Date.now() - t0, stdout, stderr };
  } finally {
    // workerd may start helper processes: it runs in its own process group, which we end as a whole.
    const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
    const gone = exited ? Promise.resolve() : new Promise((r) => child.once('exit', r));
    killGroup('SIGTERM');
    const t = setTimeout(() => killGroup('SIGKILL'), 1000);
    await gone;
    clearTimeout(t);
    killGroup('SIGKILL');
  }
}

/** Where Chromium is (CHROMIUM_PATH, /usr/bin/chromium, …) or undefined. */
export function chromiumPath() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
}

let webBuildP;
/** Bundles the test page + the package's worker entry for the browser (what a user's bundler does). */
export function buildWeb() {
  webBuildP ??= (async () => {
    const { copyFileSync, readdirSync } = await import('node:fs');
    const esbuild = await import('esbuild');
    const dir = join(WORK, 'web');
    mkdirSync(dir, { recursive: true });
    await esbuild.build({
      entryPoints: { page: join(ROOT, 'test', 'runtimes', 'entries', 'browser.mjs'), 'engine.worker': join(DIST_WEB, 'engine.worker.js') },
      outdir: dir, bundle: true, splitting: true, format: 'esm', platform: 'browser', target: 'es2022',
      conditions: ['browser'], chunkNames: '[name]-[hash]', logLevel: 'error', external: ['node:*'],
    });
    // The package's binaries and tfjs's pthread scripts next to the JavaScript (where
    // new URL(name, import.meta.url) looks).
    for (const f of readdirSync(DIST_WEB)) if (f.endsWith('.wasm') || TFJS_THREAD_SCRIPTS.includes(f)) copyFileSync(join(DIST_WEB, f), join(dir, f));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>edge-augment runtime test</title><script type="module" src="/page.js"></script>');
    return dir;
  })();
  return webBuildP;
}

/** tfjs's pthread worker and the script it imports, shipped in dist/ (scripts/build-tfjs-threads.mjs). */
export const TFJS_THREAD_SCRIPTS = ['tfjs-backend-wasm-threaded-simd.worker.js', 'tfjs-backend-wasm-threaded-simd.js'];

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.map': 'application/json' };

/**
 * A tiny static server on 127.0.0.1 for the bundled page. `headers`: 'none' | 'coi' (COOP+COEP on
 * every response) | 'page-only' (COEP on the page, not on the worker script: Chromium blocks the
 * worker). `corrupt`: a file name served as garbage bytes. `missing`: a file name answered 404.
 * `csp`: true for the demo's strict Content-Security-Policy (demo/serve.mjs) on every response, or a
 * policy of its own. `bare`: file
 * names served without COOP/COEP whatever `headers` says.
 */
export async function serveWeb({ headers = 'none', corrupt, missing, csp = false, bare = [] } = {}) {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { extname } = await import('node:path');
  const dir = await buildWeb();
  const img = await sampleImage();
  const policy = typeof csp === 'string' ? csp : csp ? (await import(pathToFileURL(join(ROOT, 'demo', 'serve.mjs')).href)).CSP : undefined;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = path === '/' ? 'index.html' : path.slice(1);
    const h = { 'cache-control': 'no-store' };
    if (policy) h['content-security-policy'] = policy;
    if ((headers === 'coi' || (headers === 'page-only' && file !== 'engine.worker.js')) && !bare.includes(file)) {
      h['cross-origin-opener-policy'] = 'same-origin';
      h['cross-origin-embedder-policy'] = 'require-corp';
    }
    try {
      if (file === 'favicon.ico') { res.writeHead(204, h); return res.end(); }
      if (file === 'astronaut.rgba') {
        res.writeHead(200, { ...h, 'content-type': 'application/octet-stream', 'x-width': String(img.width), 'x-height': String(img.height) });
        return res.end(img.data);
      }
      if (file.includes('..') || file.includes('/') || file === missing) throw new Error('bad path');
      const body = file === corrupt ? new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 255, 255]) : await readFile(join(dir, file));
      res.writeHead(200, { ...h, 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, h);
      res.end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/**
 * Opens headless Chromium once; `session.run({ headers, corrupt, options })` serves the page and runs
 * the job in it. Console errors/warnings and page errors are collected as the page's "stderr".
 */
export async function openChromium() {
  const exe = chromiumPath();
  if (!exe) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    async run({ name, headers = 'none', corrupt, missing, csp = false, bare, options = { workers: 1 }, timeoutMs = 90_000 } = {}) {
      const t0 = Date.now();
      const server = await serveWeb({ headers, corrupt, missing, csp, bare });
      const context = await browser.newContext();
      const page = await context.newPage();
      const logs = [];
      const requests = [];
      const violations = [];
      const onConsole = (where) => (m) => {
        if (m.type() === 'error' || m.type() === 'warning') logs.push(`[${where}console.${m.type()}] ${m.text()}`);
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${where}${m.text()}`);
      };
      page.on('console', onConsole(''));
      // The SDK's worker and the pthread workers it starts report their own console messages.
      page.on('worker', (w) => w.on('console', onConsole(`worker ${new URL(w.url()).pathname} `)));
      await page.exposeFunction('__reportCsp', (s) => { violations.push(s); });
      await page.addInitScript(() => {
        globalThis.addEventListener('securitypolicyviolation', (e) => globalThis.__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
      });
      page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
      context.on('request', (r) => requests.push(new URL(r.url()).pathname.slice(1)));
      context.on('weberror', (e) => logs.push(`[weberror] ${e.error().message}`));
      try {
        await page.goto(server.url);
        await page.waitForFunction(() => globalThis.runtimeJobReady === true, null, { timeout: 30_000 });
        const result = await page.evaluate((o) => globalThis.runRuntimeJob(o), options, { timeout: timeoutMs });
        const wasm = [...new Set(requests.filter((r) => r.endsWith('.wasm')))].sort();
        const scripts = [...new Set(requests.filter((r) => TFJS_THREAD_SCRIPTS.includes(r)))].sort();
        const out = { name, stderr: logs.join('\n'), ms: Date.now() - t0, violations, result: { ...result, wasm, threadScripts: scripts } };
        if (result.error) return { ...out, ok: false, error: `${result.error.code ?? result.error.name}: ${result.error.message}` };
        return { ...out, ok: true, hash: result.hash };
      } catch (e) {
        return { name, ok: false, error: e.message, stderr: logs.join('\n'), ms: Date.now() - t0, violations };
      } finally {
        await context.close();
        await server.close();
      }
    },
    close: () => browser.close(),
  };
}

/**
 * The two Chromium runs of the job: module worker without COOP/COEP, and with COOP/COEP under the
 * demo's strict CSP asking for 2 tfjs threads (a run that did not really get them, or that hit a
 * CSP violation, fails).
 */
export async function runChromiumJobs(session) {
  const plain = await session.run({ name: 'chromium worker', headers: 'none', options: { workers: 1, evasion: true } });
  const threaded = await session.run({ name: 'chromium 2 threads (COOP/COEP+CSP)', headers: 'coi', csp: true, options: { workers: 1, threads: 2, evasion: true } });
  if (threaded.ok && threaded.result?.info?.threads !== 2) Object.assign(threaded, { ok: false, error: `expected 2 tfjs threads, got ${threaded.result?.info?.threads} (${threaded.result?.info?.note ?? 'no note'})` });
  if (threaded.ok && threaded.violations?.length) Object.assign(threaded, { ok: false, error: `CSP violations: ${threaded.violations.join('; ')}` });
  return [plain, threaded];
}

/** Pool fault test (entries/pool-faults.mjs) in 'node' | 'deno' | 'bun'. */
export async function runPoolFaults(runtime) {
  const entry = join(ROOT, 'test', 'runtimes', 'entries', 'pool-faults.mjs');
  const b = await binaries();
  const arg = JSON.stringify({ pkg: pathToFileURL(DIST_NODE).href });
  const cmd = runtime === 'node' ? [process.execPath, [entry, arg]] : runtime === 'deno' ? [b.deno, ['run', '--allow-read', '--quiet', '--no-prompt', entry, arg]] : [b.bun, [entry, arg]];
  const r = await run(cmd[0], cmd[1], { env: { DENO_NO_UPDATE_CHECK: '1' } });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return { ...(line ? JSON.parse(line.slice(7)) : { error: { message: `no RESULT (exit ${r.code}) ${r.stdout.slice(-1000)}` } }), stderr: r.stderr, ms: r.ms };
}

/** Removes this process's temp folder. */
export async function cleanup() {
  const { rmSync } = await import('node:fs');
  rmSync(WORK, { recursive: true, force: true });
}
