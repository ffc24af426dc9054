// Serves demo/dist on 127.0.0.1 with the headers a production page would send:
// - COOP `same-origin` + COEP `require-corp` on every response, so the page is cross-origin isolated
//   and tfjs can run its threaded WASM build (turn off with `--no-isolation` or ISOLATION=0);
// - a strict Content-Security-Policy: no 'unsafe-eval', no inline scripts or styles, workers and
//   connections from this origin only, WebAssembly allowed through 'wasm-unsafe-eval'.
//
// Usage: node demo/serve.mjs [--no-isolation]   (PORT=8080 to choose the port; 0 = any free one)
// Builds demo/dist first when it is missing or stale (`--no-build` skips that).
import { createServer } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoDir = dirname(fileURLToPath(import.meta.url));

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; img-src 'self' blob: data:; style-src 'self'; connect-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.wasm': 'application/wasm',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.md': 'text/markdown; charset=utf-8',
  '.ico': 'image/x-icon', '.svg': 'image/svg+xml',
};

/**
 * Starts the server.
 * @param {{ port?: number, isolation?: boolean, csp?: boolean, root?: string, host?: string }} [options]
 *   `csp: false` drops the Content-Security-Policy (to tell CSP problems from others while debugging).
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startServer({ port = 8080, isolation = true, csp = true, root = join(demoDir, 'dist'), host = '127.0.0.1' } = {}) {
  const base = normalize(root + sep);
  const headers = {
    ...(csp ? { 'Content-Security-Policy': CSP } : {}),
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...(isolation ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {}),
  };
  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...headers, 'Content-Type': type });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed\n');
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'Bad request\n');
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    if (!file.startsWith(base) || path.includes('\0')) return send(403, 'Forbidden\n');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'Not found\n');
      send(200, await readFile(file), TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    } catch {
      send(404, 'Not found\n');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/** demo/dist is missing or older than the package build or the page sources. */
export function isStale() {
  const built = join(demoDir, 'dist', 'app.js');
  if (!existsSync(built)) return true;
  const t = statSync(built).mtimeMs;
  const inputs = [join(demoDir, '..', 'dist', 'web'), join(demoDir, 'src'), join(demoDir, 'index.html'), join(demoDir, 'style.css')];
  const newer = (p) => {
    if (!existsSync(p)) return false;
    const s = statSync(p);
    return s.isDirectory() ? readdirSync(p).some((f) => newer(join(p, f))) : s.mtimeMs > t;
  };
  return inputs.some(newer);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const isolation = !process.argv.includes('--no-isolation') && !/^(0|false|no|off)$/i.test(process.env.ISOLATION ?? '');
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(process.env.PORT)}.`);
    process.exit(1);
  }
  if (!process.argv.includes('--no-build') && isStale()) {
    const { buildDemo } = await import('./build.mjs');
    await buildDemo();
  }
  const { url } = await startServer({ port, isolation });
  console.log(`edge-augment demo: ${url}  (COOP/COEP ${isolation ? 'on: threads available' : 'off (--no-isolation)'}, strict CSP)`);
}
