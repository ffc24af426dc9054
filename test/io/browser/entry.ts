// Runs inside headless Chromium (test/io/browser.test.ts): the native decode path.
import { decodeImage } from '../../../src/io/decode.js';
import { toRawImage } from '../../../src/io/raw.js';

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

  // toRawImage from every browser image source, against the decoded PNG (opaque, so canvases are exact).
  const pngBytes = await bytes('/test/fixtures/io/dataset/cats/a.png');
  const ref = await decodeImage(pngBytes, { channels: 4 });
  const same = (r: { data: ArrayLike<number>; width: number; height: number; channels: number }) =>
    r.width === ref.width && r.height === ref.height && r.channels === 4 && Array.from(r.data).every((v, i) => v === ref.data[i]);
  const imageData = new ImageData(new Uint8ClampedArray(ref.data), ref.width, ref.height);
  const canvas = document.createElement('canvas');
  canvas.width = ref.width; canvas.height = ref.height;
  canvas.getContext('2d')!.putImageData(imageData, 0, 0);
  const offscreen = new OffscreenCanvas(ref.width, ref.height);
  offscreen.getContext('2d')!.putImageData(imageData, 0, 0);
  const bitmap = await createImageBitmap(imageData);
  const imgEl = new Image();
  imgEl.src = URL.createObjectURL(new Blob([pngBytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
  await imgEl.decode();
  out.toRaw = {
    imageData: same(await toRawImage(imageData)),
    canvas: same(await toRawImage(canvas)),
    offscreenCanvas: same(await toRawImage(offscreen)),
    imageBitmap: same(await toRawImage(bitmap)),
    imageElement: same(await toRawImage(imgEl)),
    blob: same(await toRawImage(new Blob([pngBytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }))),
  };
  return out;
};
(globalThis as { ioReady?: boolean }).ioReady = true;
