/**
 * The browser decode path (createImageBitmap + OffscreenCanvas) in real headless Chromium, served by a
 * Vite dev server. Skipped when no Chromium binary is installed — except under CI=true, where a
 * missing Chromium is a failure (as in the other browser tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const root = new URL('../../', import.meta.url).pathname;

it.runIf(process.env.CI === 'true')('Chromium is installed (required under CI)', () => {
  expect(CHROMIUM, 'no Chromium binary found').toBeDefined();
});

describe.skipIf(!CHROMIUM)('browser native decode (Chromium)', () => {
  let server: import('vite').ViteDevServer;
  let browser: import('playwright-core').Browser;
  let result: Record<string, any>;

  beforeAll(async () => {
    const { createServer } = await import('vite');
    const { chromium } = await import('playwright-core');
    server = await createServer({ root, logLevel: 'silent', server: { port: 0, host: '127.0.0.1' }, optimizeDeps: { noDiscovery: true, include: [] } });
    await server.listen();
    const url = server.resolvedUrls!.local[0];
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url + 'test/io/browser/index.html');
    await page.waitForFunction(() => (globalThis as { ioReady?: boolean }).ioReady === true, undefined, { timeout: 60_000 });
    result = await page.evaluate(() => (globalThis as unknown as { runIoBrowser: () => Promise<Record<string, unknown>> }).runIoBrowser());
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('EXIF orientations 1..8: upright with "exif", stored pixels (as the WASM path gives them) with "none"', async () => {
    const { decodeImage } = await import('../../src/io/decode.js');
    const g = JSON.parse(readFileSync(new URL('../goldens/io/orientation.json', import.meta.url), 'utf8'));
    const want = [g.colours.tl, g.colours.tr, g.colours.bl, g.colours.br] as number[][];
    for (let n = 1; n <= 8; n++) {
      const r = result.orient[n - 1];
      expect([r.w, r.h], `orientation ${n}`).toEqual([64, 32]);
      r.centres.forEach((c: number[], q: number) => c.forEach((v, i) => expect(Math.abs(v - want[q][i]), `n=${n} q=${q}`).toBeLessThanOrEqual(12)));
      const node = await decodeImage(new Uint8Array(readFileSync(new URL(`../fixtures/io/orientation/orient-${n}.jpg`, import.meta.url))), { channels: 3, orientation: 'none', decoder: 'wasm' });
      expect([r.stored.w, r.stored.h]).toEqual([node.width, node.height]);
      let sum = 0;
      for (let i = 0; i < node.data.length; i++) sum += Math.abs(node.data[i] - r.stored.data[i]);
      expect(sum / node.data.length, `n=${n} browser vs wasm (stored)`).toBeLessThanOrEqual(2);
    }
  });

  it('lossless WebP and BMP decode to the same pixels as the reference', () => {
    const webp = readFileSync(new URL('../goldens/io/webp-lossless.rgb', import.meta.url));
    expect(Buffer.from(result.webpLossless).equals(webp)).toBe(true);
    const g = JSON.parse(readFileSync(new URL('../goldens/io/bmp.json', import.meta.url), 'utf8'));
    expect(Buffer.from(result.bmp.data).equals(Buffer.from(g.images.rgb24.data, 'base64'))).toBe(true);
  });

  it('toRawImage takes ImageData, canvas, OffscreenCanvas, ImageBitmap, <img> and Blob with exact pixels', () => {
    expect(result.toRaw).toEqual({ imageData: true, canvas: true, offscreenCanvas: true, imageBitmap: true, imageElement: true, blob: true });
  });

  it('truncated input is refused before the browser decodes it', () => {
    expect(result.trunc).toBe('TRUNCATED_IMAGE');
  });
});
