/**
 * Bundler tests' harness: packs the package (`npm pack`, what users install), unpacks it into a
 * throw-away app folder under node_modules/.cache (the app's other dependencies — tfjs, comlink, the
 * bundlers — resolve from the repository's node_modules, as devDependencies: no network at test
 * time), builds or serves the app with a bundler, and runs it in headless Chromium.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WORK = join(ROOT, 'node_modules', '.cache', `edge-augment-bundlers-${process.pid}`);
const APP = fileURLToPath(new URL('./app/', import.meta.url));

let tarball;
/** `npm pack` of the built package (no scripts: `npm test` has built dist/). Returns the .tgz path. */
export function pack() {
  if (tarball) return tarball;
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
  mkdirSync(WORK, { recursive: true });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', WORK], { cwd: ROOT, encoding: 'utf8' });
  tarball = join(WORK, JSON.parse(out)[0].filename);
  return tarball;
}

/** The sample photo as RGBA (the same crop test/runtimes uses). */
export async function sampleImage() {
  // @ts-ignore plain ESM
  const { sampleImage: s } = await import('../runtimes/harness.mjs');
  return s();
}

/** A fresh app folder `name` with the app's sources, the unpacked tarball and the sample image. */
export async function makeApp(name) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules', 'edge-augment'), { recursive: true });
  execFileSync('tar', ['-xzf', pack(), '-C', join(dir, 'node_modules', 'edge-augment'), '--strip-components=1']);
  cpSync(APP, dir, { recursive: true });
  const img = await sampleImage();
  mkdirSync(join(dir, 'public'), { recursive: true });
  writeFileSync(join(dir, 'public', 'astronaut.rgba'), img.data);
  writeFileSync(join(dir, 'public', 'astronaut.json'), JSON.stringify({ width: img.width, height: img.height }));
  return dir;
}

/** Total size of the files under `dir`, in bytes. */
export function dirSize(dir) {
  let n = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    n += f.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return n;
}

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };

/** Serves `dirs` (first match wins) on 127.0.0.1; `coi`: COOP/COEP on every response. */
export async function serveStatic(dirs, { coi = false } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const rel = path === '/' ? 'index.html' : path.slice(1);
    const h = { 'cache-control': 'no-store' };
    if (coi) { h['cross-origin-opener-policy'] = 'same-origin'; h['cross-origin-embedder-policy'] = 'require-corp'; }
    const file = rel.split('/').includes('..') ? undefined : dirs.map((d) => join(d, rel)).find((f) => existsSync(f) && statSync(f).isFile());
    if (!file) { res.writeHead(404, h); return res.end('not found'); }
    res.writeHead(200, { ...h, 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/** The truth: the same job in Node on the unpacked package's node build (`options` as the page's). */
export async function runInNode(appDir, options = {}) {
  const pkg = await import(pathToFileURL(join(appDir, 'node_modules', 'edge-augment', 'dist', 'node', 'index.js')).href);
  const { runApp } = await import(pathToFileURL(join(appDir, 'job.js')).href);
  const img = await sampleImage();
  return runApp(pkg, { data: img.data, width: img.width, height: img.height, channels: 4 }, options);
}

/** Headless Chromium, once. `open(url, options)` runs the app page and collects errors and 404s. */
export async function openBrowser() {
  // @ts-ignore plain ESM
  const { chromiumPath } = await import('../runtimes/harness.mjs');
  const exe = chromiumPath();
  if (!exe) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    async run(url, options = {}) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      const failed = [];
      const requests = [];
      const onConsole = (where) => (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`[${where}console.${m.type()}] ${m.text()}`); };
      page.on('console', onConsole(''));
      page.on('worker', (w) => w.on('console', onConsole(`worker ${new URL(w.url()).pathname} `)));
      page.on('pageerror', (e) => errors.push(`[pageerror] ${e.message}`));
      context.on('weberror', (e) => errors.push(`[weberror] ${e.error().message}`));
      context.on('request', (r) => requests.push(new URL(r.url()).pathname));
      context.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`); });
      context.on('requestfailed', (r) => failed.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`));
      try {
        await page.goto(url);
        await page.waitForFunction(() => globalThis.bundlerAppReady === true, null, { timeout: 60_000 });
        const result = await page.evaluate((o) => globalThis.runBundlerApp(o), options);
        return { result, errors, failed, requests };
      } finally {
        await context.close();
      }
    },
    close: () => browser.close(),
  };
}

export function cleanup() {
  rmSync(WORK, { recursive: true, force: true });
}

/** Copies the page and the sample image next to a bundle in `out` (what the bundler does not emit). */
function copyStatic(appDir, out, script = './main.js') {
  mkdirSync(out, { recursive: true });
  cpSync(join(appDir, 'public'), out, { recursive: true });
  writeFileSync(join(out, 'index.html'), readFileSync(join(appDir, 'index.html'), 'utf8').replace('./main.js', script));
}

/**
 * webpack 5 with its defaults (production mode), as the README says: `webpack ./main.js`. The
 * worker, the binaries and tfjs's pthread scripts come from the `new URL(…, import.meta.url)`
 * literals. Output: `<app>/dist-webpack`.
 */
export async function buildWebpack(appDir) {
  const { default: webpack } = await import('webpack');
  const out = join(appDir, 'dist-webpack');
  const stats = await new Promise((resolve, reject) => webpack({
    mode: 'production', context: appDir, entry: './main.js', output: { path: out, filename: 'main.js', clean: true },
    performance: { hints: false }, infrastructureLogging: { level: 'error' },
    // Minifying 2 MB with terser takes a minute on a shared CI core and changes nothing the test checks.
    optimization: { minimize: process.env.EDGE_AUGMENT_MINIFY === '1' },
  }, (err, s) => (err ? reject(err) : resolve(s))));
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  if (stats.hasErrors()) throw new Error(`webpack failed:\n${info.errors.map((e) => e.message).join('\n')}`);
  copyStatic(appDir, out);
  return { out, warnings: info.warnings.map((w) => w.message) };
}

/**
 * The files a bundler that does not follow `new URL(…, import.meta.url)` (esbuild, plain Rollup) must
 * put beside its output: the binaries, the worker and tfjs's pthread scripts (the README's line).
 */
export const COPY_FILES = 'node_modules/edge-augment/dist/web/{*.wasm,engine.worker.js,tfjs-backend-wasm-threaded-simd*.js}';

/** Runs a shell command line in the app folder, with the repository's bundler binaries on PATH. */
function sh(appDir, line) {
  execFileSync('bash', ['-c', line], { cwd: appDir, stdio: 'pipe', env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}` } });
}

/** The README's esbuild command, verbatim. Output: `<app>/dist-esbuild`. */
export const ESBUILD_COMMAND = `esbuild main.js --bundle --format=esm --splitting --outdir=dist-esbuild && cp ${COPY_FILES} dist-esbuild/`;

export async function buildEsbuild(appDir) {
  sh(appDir, ESBUILD_COMMAND);
  const out = join(appDir, 'dist-esbuild');
  copyStatic(appDir, out);
  return { out, warnings: [] };
}

/**
 * Rollup as its users run it: `@rollup/plugin-node-resolve` (browser) + `@rollup/plugin-commonjs`,
 * ES output, then the README's copy line. Output: `<app>/dist-rollup`.
 */
export async function buildRollup(appDir) {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: commonjs } = await import('@rollup/plugin-commonjs');
  const out = join(appDir, 'dist-rollup');
  const warnings = [];
  const bundle = await rollup({
    input: join(appDir, 'main.js'),
    plugins: [nodeResolve({ browser: true }), commonjs()],
    onwarn: (w) => { if (w.code !== 'CIRCULAR_DEPENDENCY' && w.code !== 'THIS_IS_UNDEFINED') warnings.push(`${w.code}: ${w.message}`); },
  });
  await bundle.write({ dir: out, format: 'es' });
  await bundle.close();
  sh(appDir, `cp ${COPY_FILES} dist-rollup/`);
  copyStatic(appDir, out);
  return { out, warnings };
}
