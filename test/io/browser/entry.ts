// Runs inside headless Chromium (test/io/browser.test.ts): the native decode path.
import { decodeImage } from '../../../src/io/decode.js';

async function bytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

(globalThis as { runIoBrowser?: () => Promise<unknown> }).runIoBrowser = async () => {
  const out: Record<string, unknown> = {};
  const px = (img: { data: ArrayLike<number>; width: number }, x: number, y: number) => {
    const i = (y * img.width + x) * 3;
    return [img.data[i], img.data[i + 1], img.data[i + 2]];
  };
  const orient: unknown[] = [];
  for (let n = 1; n <= 8; n++) {
    const b = await bytes(`/test/fixtures/io/orientation/orient-${n}.jpg`);
    const up = await decodeImage(b, { channels: 3 });
    const stored = await decodeImage(b, { channels: 3, orientation: 'none' });
    orient.push({
      w: up.width, h: up.height,
      centres: [px(up, 16, 8), px(up, 48, 8), px(up, 16, 24), px(up, 48, 24)],
      stored: { w: stored.width, h: stored.height, data: Array.from(stored.data) },
    });
  }
  out.orient = orient;
  const png = await bytes('/test/fixtures/io/bmp/rgb24.bmp');
  const bmp = await decodeImage(png, { channels: 3 });
  out.bmp = { w: bmp.width, h: bmp.height, data: Array.from(bmp.data) };
  try { await decodeImage(await bytes('/test/fixtures/io/webp/chelsea-lossless.webp').then((b) => b.subarray(0, 200))); out.trunc = 'OK'; }
  catch (e) { out.trunc = (e as { code?: string }).code; }
  const ll = await decodeImage(await bytes('/test/fixtures/io/webp/chelsea-lossless.webp'), { channels: 3 });
  out.webpLossless = Array.from(ll.data);
  return out;
};
(globalThis as { ioReady?: boolean }).ioReady = true;
