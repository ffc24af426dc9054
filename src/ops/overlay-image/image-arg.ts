/**
 * The overlay argument of `overlayImage`: a user image given in JSON — `{ data, width, height,
 * channels }` with `data` a number array or a base64 string of the interleaved u8 bytes — or the name of
 * a bundled mark. The marks are drawn here with integer arithmetic (4×4 supersampled coverage), so they
 * are the same bytes everywhere and need no asset file:
 * - `ring`: a 64×64 white ring (outer radius 30, inner 20) with antialiased alpha — a logo-like mark;
 * - `badge`: a 64×40 red rounded rectangle with a white bar — a watermark-like badge;
 * - `checker`: a 32×32 opaque black/white 4×4 checkerboard.
 */
import { EdgeAugmentError } from '../../errors.js';
import type { Img } from '../core/types.js';

export const MARKS = ['ring', 'badge', 'checker'] as const;
export type MarkName = (typeof MARKS)[number];

/** What `overlay` accepts: a mark name or a RawImage-like JSON object. */
export type OverlayArg = MarkName | { data: readonly number[] | string; width: number; height: number; channels: 1 | 3 | 4 };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard base64 (padding optional). @throws `INVALID_SPEC` on other characters. */
export function decodeBase64(s: string, where: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = B64.indexOf(clean[i]!);
    if (v < 0) throw new EdgeAugmentError('INVALID_SPEC', `${where}.data: not base64 (character ${JSON.stringify(clean[i])} at ${i}).`, { details: { field: `${where}.data` } });
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
  }
  return out.subarray(0, o);
}

/** Encodes bytes as standard base64 (what replay manifests may carry). */
export function encodeBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    s += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < b.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < b.length ? B64[n & 63]! : '=');
  }
  return s;
}

function coverage(w: number, h: number, inside: (x4: number, y4: number) => boolean): Uint8Array {
  // Sample centres at (4x + i + 0.5)/4: pass doubled-and-shifted integers (8x + 2i + 1) to `inside`.
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let n = 0;
      for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) if (inside(8 * x + 2 * i + 1, 8 * y + 2 * j + 1)) n++;
      out[y * w + x] = Math.floor((n * 255 + 8) / 16);
    }
  }
  return out;
}

function drawMark(name: MarkName): Img {
  if (name === 'checker') {
    const d = new Uint8Array(32 * 32 * 3);
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) d.fill(((x >> 2) + (y >> 2)) & 1 ? 255 : 0, (y * 32 + x) * 3, (y * 32 + x) * 3 + 3);
    return { data: d, width: 32, height: 32, channels: 3 };
  }
  if (name === 'ring') {
    // In units of 1/8 px: centre (256, 256), radii 240 and 160.
    const a = coverage(64, 64, (x, y) => { const r2 = (x - 256) ** 2 + (y - 256) ** 2; return r2 <= 240 * 240 && r2 >= 160 * 160; });
    const d = new Uint8Array(64 * 64 * 4);
    for (let i = 0; i < 64 * 64; i++) { d[i * 4] = 255; d[i * 4 + 1] = 255; d[i * 4 + 2] = 255; d[i * 4 + 3] = a[i]!; }
    return { data: d, width: 64, height: 64, channels: 4 };
  }
  // badge: 64×40, corner radius 10 px (80 in 1/8 px).
  const W = 64 * 8, H = 40 * 8, R = 80;
  const a = coverage(64, 40, (x, y) => {
    const cx = x < R ? R : x > W - R ? W - R : x;
    const cy = y < R ? R : y > H - R ? H - R : y;
    return (x - cx) ** 2 + (y - cy) ** 2 <= R * R;
  });
  const d = new Uint8Array(64 * 40 * 4);
  for (let y = 0; y < 40; y++) {
    for (let x = 0; x < 64; x++) {
      const i = y * 64 + x;
      const bar = y >= 17 && y < 23 && x >= 12 && x < 52;
      d[i * 4] = bar ? 255 : 220; d[i * 4 + 1] = bar ? 255 : 30; d[i * 4 + 2] = bar ? 255 : 40; d[i * 4 + 3] = a[i]!;
    }
  }
  return { data: d, width: 64, height: 40, channels: 4 };
}

const cache = /* #__PURE__ */ new Map<string, Img>();

/** A bundled mark (cached; do not modify the returned bytes). */
export function mark(name: MarkName): Img {
  let m = cache.get(name);
  if (!m) cache.set(name, (m = drawMark(name)));
  return m;
}

/**
 * Checks an overlay argument and returns the image it names.
 * @throws {EdgeAugmentError} `code` naming `where` for anything else.
 */
export function overlayFromArg(v: unknown, where: string, code: 'INVALID_SPEC' | 'INVALID_PARAMS' = 'INVALID_SPEC'): Img {
  if (typeof v === 'string') {
    if ((MARKS as readonly string[]).includes(v)) return mark(v as MarkName);
    throw new EdgeAugmentError(code, `${where}: unknown mark ${JSON.stringify(v)}; allowed: ${MARKS.join(', ')} or an image { data, width, height, channels }.`, { details: { field: where } });
  }
  const o = v as { data?: unknown; width?: unknown; height?: unknown; channels?: unknown } | null;
  const bad = (why: string): never => { throw new EdgeAugmentError(code, `${where}: ${why} (an overlay is a mark name or { data: number[] | base64 string, width, height, channels: 1 | 3 | 4 }).`, { details: { field: where } }); };
  if (!o || typeof o !== 'object') return bad('not an image');
  const { width, height, channels } = o;
  if (!(Number.isInteger(width) && Number.isInteger(height) && (width as number) >= 1 && (height as number) >= 1 && (width as number) * (height as number) <= 1 << 24)) return bad('width and height must be integers ≥ 1');
  if (!(channels === 1 || channels === 3 || channels === 4)) return bad('channels must be 1, 3 or 4');
  let data: Uint8Array;
  if (typeof o.data === 'string') data = decodeBase64(o.data, where);
  else if (o.data instanceof Uint8Array) data = o.data;
  else if (Array.isArray(o.data) && o.data.every((x) => Number.isInteger(x) && x >= 0 && x <= 255)) data = Uint8Array.from(o.data as number[]);
  else return bad('data must be a base64 string or an array of integers 0..255');
  const n = (width as number) * (height as number) * channels;
  if (data.length !== n) return bad(`data has ${data.length} bytes, expected ${n}`);
  return { data, width: width as number, height: height as number, channels };
}
