/**
 * Loader for the separable convolution kernel (build/kernels/conv.wasm, AssemblyScript, WASM SIMD) on
 * a memory of its own, and the whole-image call the `conv` stage uses. Loaded lazily, the first time a
 * blur runs in a realm (so augmenters without blurs never fetch it); until then, or if it cannot be
 * loaded, the stage runs its TypeScript path, which gives the same bytes.
 */
import { EdgeAugmentError } from '../../errors.js';
import { loadModule } from '../../runtime/assets.js';
import type { Img } from '../core/types.js';
import type { ConvBorder } from './conv.js';

const BORDER_CODE: Record<ConvBorder, number> = { reflect101: 0, reflect: 1, replicate: 2 };

/** The conv kernel bound to its memory. */
export interface ConvRunner {
  /** Separable float32 correlation (same bytes as `convSeparableTs`). */
  separable(src: Img, kx: Float32Array, ky: Float32Array, border: ConvBorder): Img;
}

type SeparableFn = (src: number, w: number, h: number, c: number, dst: number, kx: number, nkx: number, ky: number, nky: number,
  border: number, pad: number, tmp: number, rows: number) => number;

const align = (n: number) => (n + 15) & ~15;

/**
 * Instantiates the kernel (plain-memory variant) with a fresh memory.
 *
 * @throws {EdgeAugmentError} `WASM_INIT_FAILED`.
 * @example
 * ```ts
 * const conv = await createConvRunner(await WebAssembly.compile(readFileSync('build/kernels/conv.wasm')));
 * const out = conv.separable(img, k, k, 'reflect101');
 * ```
 */
export async function createConvRunner(module: WebAssembly.Module): Promise<ConvRunner> {
  const memory = new WebAssembly.Memory({ initial: 16 });
  let fn: SeparableFn;
  try {
    const inst = await WebAssembly.instantiate(module, { env: { memory } });
    fn = inst.exports.separable as SeparableFn;
    if (typeof fn !== 'function') throw new Error('no export "separable"');
  } catch (e) {
    throw new EdgeAugmentError('WASM_INIT_FAILED', `Could not instantiate the conv kernel (build/kernels/conv.wasm; WASM SIMD is required): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return {
    separable(src, kx, ky, border) {
      const { width: W, height: H, channels: C } = src;
      const n = W * H * C;
      const srcP = 0;
      const dstP = align(srcP + n + 16);
      const kxP = align(dstP + n + 16);
      const kyP = align(kxP + kx.length * 4);
      const padP = align(kyP + ky.length * 4);
      const tmpP = align(padP + ((W + kx.length - 1) * C + 16) * 4);
      const rowsP = align(tmpP + (n + 16) * 4);
      const end = rowsP + ky.length * 4;
      const have = memory.buffer.byteLength;
      if (end > have) {
        try {
          memory.grow(Math.ceil((end - have) / 65536));
        } catch (e) {
          throw new EdgeAugmentError('IMAGE_TOO_LARGE', `Cannot grow the conv kernel memory to ${end} bytes.`, { cause: e });
        }
      }
      const buf = memory.buffer;
      new Uint8Array(buf, srcP, n).set(src.data.subarray(0, n));
      new Float32Array(buf, kxP, kx.length).set(kx);
      new Float32Array(buf, kyP, ky.length).set(ky);
      const rc = fn(srcP, W, H, C, dstP, kxP, kx.length, kyP, ky.length, BORDER_CODE[border], padP, tmpP, rowsP);
      if (rc !== 0) throw new EdgeAugmentError('INTERNAL', `The conv kernel refused its arguments (code ${rc}).`);
      return { data: new Uint8Array(buf, dstP, n).slice(), width: W, height: H, channels: C };
    },
  };
}

let runner: ConvRunner | null = null;
let loading: Promise<ConvRunner | null> | null = null;
let failed = false;

/**
 * The realm's conv runner: the runner once loaded; a promise while it loads (the first call starts
 * it); null when loading failed (callers use the TypeScript path — same bytes).
 */
export function convRunner(): ConvRunner | Promise<ConvRunner | null> | null {
  if (runner) return runner;
  if (failed) return null;
  loading ??= loadModule('conv.wasm').then(createConvRunner).then(
    (r) => (runner = r),
    () => { failed = true; return null; },
  );
  return loading;
}
