// A/B of two conv.wasm builds' `warpBilinearAffine` (torchvision rotate/affine, bilinear) — or with --persp
// `warpBilinearPerspective` (torchvision perspective, bilinear) — in one process, on a
// 224² image (RGB by default): the builds' calls interleaved batch by batch (40 batches of 100 calls each, after
// 300 warm-up calls), each build's fastest batch reported as ms per call — the minimum, because on a shared
// machine the neighbours only ever add time — and whether the two builds' outputs are byte-identical.
//   node bench/warp-ab.mjs /tmp/old/conv.wasm [build/kernels/conv.wasm] [--angle=30] [--c=3|4] [--fill] [--persp[=x0,y0,…,x3,y3]]
// Rotation by `angle` about the centre (torch's affine grid, as the warp stage passes it, as bench/warp-kernels.mjs);
// --persp: F.perspective(img, [[0, 0], [223, 0], [223, 223], [0, 223]], endpoints) — bench/ops.mjs's `perspective`
// row by default (endpoints [[10, 5], [210, 12], [220, 215], [3, 200]]), the grid as bilinearPerspectiveTorch
// (src/ops/stages/warp.ts) passes it.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, dflt) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const files = args.filter((a) => !a.startsWith('--'));
if (files.length < 1) {
  console.error('usage: node bench/warp-ab.mjs <a.wasm> [b.wasm = build/kernels/conv.wasm] [--angle=30] [--c=3] [--fill]');
  process.exit(1);
}
if (files.length < 2) files.push('build/kernels/conv.wasm');
const angle = +opt('angle', 30);
const C = +opt('c', 3);
const hasFill = args.includes('--fill') ? 1 : 0;
const perspArg = args.find((a) => a === '--persp' || a.startsWith('--persp='));
const endPts = perspArg?.includes('=') ? perspArg.split('=')[1].split(',').map(Number) : [10, 5, 210, 12, 220, 215, 3, 200];
const W = 224, H = 224, n = W * H * C;
const f32 = Math.fround;

/** perspectiveCoeffs of src/ops/affine/math.ts (float64 Gauss–Jordan, rounded to float32). */
function perspectiveCoeffs(start, end) {
  const A = [];
  for (let i = 0; i < 4; i++) {
    const [ex, ey, sx, sy] = [end[2 * i], end[2 * i + 1], start[2 * i], start[2 * i + 1]];
    A.push([ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey, sx], [0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey, sy]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      if (f !== 0) for (let k = c; k < 9; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => f32(row[8] / row[i]));
}

const builds = [];
for (const file of files) {
  const memory = new WebAssembly.Memory({ initial: 64 });
  const { instance } = await WebAssembly.instantiate(readFileSync(file), { env: { memory } });
  const k = instance.exports;
  const u8 = new Uint8Array(memory.buffer);
  for (let i = 0; i < n; i++) u8[i] = (i * 2654435761) >>> 24;
  const dst = (n + 32) & ~15, ax = dst + n + 64, ay = ax + 3 * W * 4 + 64, fill = ay + W * 4 + 64, fu = fill + 16, scr = fu + 16 + 64;
  const a = angle * Math.PI / 180, hw = f32(W / 2), hh = f32(H / 2);
  const th = [Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0].map(f32);
  const r = [th[0] / hw, th[1] / hw, th[2] / hw, th[3] / hh, th[4] / hh, th[5] / hh].map(f32);
  const F = new Float32Array(memory.buffer);
  for (let x = 0; x < W; x++) {
    const bx = f32(-W * 0.5 + 0.5 + x);
    F[ax / 4 + x] = f32(bx * r[0]);
    F[ay / 4 + x] = f32(bx * r[3]);
  }
  for (let c = 0; c < 4; c++) {
    F[fill / 4 + c] = 10.5 + 20 * c;
    u8[fu + c] = hasFill ? 10 + 20 * c : 0; // the host's fillU8 (warp.ts roundU8, half to even): 0 without fill
  }
  let run = () => k.warpBilinearAffine(0, W, H, C, dst, W, H, ax, ay, r[1], r[2], r[4], r[5], hw, hh, hasFill, fill, fu, scr);
  if (perspArg) {
    // bilinearPerspectiveTorch's arguments: cols f32 [3·W] at ax (f32(bx·r0), f32(bx·r3), f32(bx·c6)), prm f32 [7].
    const c = perspectiveCoeffs([0, 0, W - 1, 0, W - 1, H - 1, 0, H - 1], endPts);
    const sx = f32(0.5 * W), sy = f32(0.5 * H);
    const q = [c[0] / sx, c[1] / sx, c[2] / sx, c[3] / sy, c[4] / sy, c[5] / sy].map(f32);
    const cols = ax, prm = fu + 16, scr2 = prm + 64;
    for (let x = 0; x < W; x++) {
      const bx = f32(x + 0.5);
      F[cols / 4 + x] = f32(bx * q[0]);
      F[cols / 4 + W + x] = f32(bx * q[3]);
      F[cols / 4 + 2 * W + x] = f32(bx * c[6]);
    }
    F.set([q[1], q[2], q[4], q[5], c[7], hw, hh], prm / 4);
    run = () => k.warpBilinearPerspective(0, W, H, C, dst, W, H, cols, prm, hasFill, fill, fu, scr2);
  }
  builds.push({ file, run, out: () => u8.slice(dst, dst + W * H * C), best: Infinity });
}
for (const b of builds) for (let i = 0; i < 300; i++) b.run();
const BATCH = 100;
for (let rep = 0; rep < 40; rep++) {
  for (const b of builds) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) b.run();
    b.best = Math.min(b.best, Number(process.hrtime.bigint() - t0) / 1e6 / BATCH);
  }
}
const [o0, o1] = builds.map((b) => b.out());
if (process.env.AB_DIFF) { let shown = 0; for (let i = 0; i < o0.length && shown < 20; i++) if (o0[i] !== o1[i]) { shown++; const px = Math.floor(i / C); console.log(`byte ${i}: x ${px % W} y ${Math.floor(px / W)} ch ${i % C}: ${o0[i]} vs ${o1[i]}`); } }
let same = o0.length === o1.length;
for (let i = 0; same && i < o0.length; i++) same = o0[i] === o1[i];
console.log(`${perspArg ? `warpBilinearPerspective ${W}×${H}×${C}, perspective to [${endPts}]` : `warpBilinearAffine ${W}×${H}×${C}, rotate ${angle}°`}${hasFill ? ', fill' : ''} (fastest of 40 interleaved batches of ${BATCH} calls):`);
for (const b of builds) console.log(`  ${b.file.padEnd(40)} ${b.best.toFixed(4)} ms/call  (${(b.best / builds[0].best).toFixed(3)}×)`);
console.log(`  outputs ${same ? 'byte-identical' : 'DIFFER'}`);
