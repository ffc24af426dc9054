// Kernel-only timing of conv.wasm's warp and sharpen exports on a 224² RGB image (no JS glue, no copies):
//   node bench/warp-kernels.mjs near|bil|sharpen [angle°=30]
//   CONV=/path/to/other/conv.wasm node bench/warp-kernels.mjs …   (e.g. another build, for before/after)
// Rotation by `angle` about the centre (torch's affine grid, as the warp stage passes it); sharpen with
// ratio 1.5. Prints the CPU time per call (process.cpuUsage) over 2,000 calls after 200 warm-up calls.
import { readFileSync } from 'node:fs';
const mod = await WebAssembly.compile(readFileSync(process.env.CONV ?? 'build/kernels/conv.wasm'));
const memory = new WebAssembly.Memory({ initial: 64 });
const { exports: k } = await WebAssembly.instantiate(mod, { env: { memory } });
const W = 224, H = 224, C = 3, n = W * H * C;
const u8 = new Uint8Array(memory.buffer);
for (let i = 0; i < n; i++) u8[i] = (i * 2654435761) >>> 24;
const f32 = Math.fround;
const dst = (n + 32) & ~15, ax = dst + n + 64, ay = ax + W * 4 + 64, fill = ay + W * 4 + 64, fu = fill + 16, scr = fu + 16 + 64;
const a = (+(process.argv[3] ?? 30)) * Math.PI / 180, hw = f32(W / 2), hh = f32(H / 2);
const th = [Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0].map(f32);
const r = [th[0] / hw, th[1] / hw, th[2] / hw, th[3] / hh, th[4] / hh, th[5] / hh].map(f32);
const F = new Float32Array(memory.buffer);
for (let x = 0; x < W; x++) { const bx = f32(-W * 0.5 + 0.5 + x); F[ax / 4 + x] = f32(bx * r[0]); F[ay / 4 + x] = f32(bx * r[3]); }
const which = process.argv[2] ?? 'bil';
const tA = scr + 8192, tB = tA + 1024, tS = tB + 1024, tBl = tS + 256;
{ const ka = f32(1.5), kb = f32(1 - 1.5); for (let v = 0; v < 256; v++) { F[tA / 4 + v] = f32(ka * v); F[tB / 4 + v] = f32(kb * v); u8[tS + v] = Math.max(0, Math.min(255, Math.trunc(f32(F[tA / 4 + v] + F[tB / 4 + v])))); } for (let s = 0; s < 3316; s++) u8[tBl + s] = Math.round(s / 13); }
const run = which === 'bil' ? () => k.warpBilinearAffine(0, W, H, C, dst, W, H, ax, ay, r[1], r[2], r[4], r[5], hw, hh, 0, fill, fu, scr)
  : which === 'sharpen' ? () => k.sharpen(0, W, H, C, tA, tB, tS, tBl, dst)
  : () => k.warpNearestAffine(0, W, H, C, dst, W, H, ax, ay, r[1], r[2], r[4], r[5], hw, hh, fill, scr);
for (let i = 0; i < 200; i++) run();
const N = 2000; const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) run();
const c = process.cpuUsage(c0);
console.log(which, ((c.user + c.system) / 1000 / N).toFixed(4), 'ms/call CPU');
