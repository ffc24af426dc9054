// x64 instructions per loop of each conv.wasm kernel as V8's optimising compiler (TurboFan) emits them — a
// deterministic measure of a kernel change on a machine too noisy for timings (BENCHMARKS.md, "ImageNet-transform
// kernels (Dec 4, third session)"). Run `npm run build` first; then:
//   node bench/wasm-loops.mjs [--min=N] [kernel …]   # default: blendGreyRgb greySum affineLevels resizeSep; loops ≥ N (40) instructions
//   EA_WASM=/tmp/old/conv.wasm node bench/wasm-loops.mjs blendGreyRgb   # another build of the module
// It starts a child Node with --no-liftoff --no-wasm-lazy-compilation --print-wasm-code that only instantiates build/kernels/conv.wasm
// (so every function is TurboFan code and the indices are this module's), then lists, per kernel, the loops
// (backward jumps) of 40–2,000 instructions: start offset, instructions per iteration of each path back to
// the head, spills/reloads from the stack frame, pshufb count. The outer loops of nested ones are listed too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// EA_WASM: another build's conv.wasm (e.g. an older commit's, for a before/after).
const WASM = process.env.EA_WASM ?? fileURLToPath(new URL('../build/kernels/conv.wasm', import.meta.url));

if (process.argv[2] === '--child') {
  const memory = new WebAssembly.Memory({ initial: 1 });
  await WebAssembly.instantiate(readFileSync(WASM), { env: { memory } });
  process.exit(0);
}

/** Export name → function index, from the module's export section (conv.wasm imports no functions). */
function exportIndices(bytes) {
  let p = 8;
  const u32 = () => {
    let r = 0, s = 0, b;
    do { b = bytes[p++]; r |= (b & 127) << s; s += 7; } while (b & 128);
    return r >>> 0;
  };
  const out = new Map();
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = u32();
    const end = p + size;
    if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const len = u32();
        const name = new TextDecoder().decode(bytes.subarray(p, p + len));
        p += len;
        const kind = bytes[p++];
        const index = u32();
        if (kind === 0) out.set(name, index);
      }
    }
    p = end;
  }
  return out;
}

// --min=N: list loops of at least N instructions (default 40; the inner loops of resizeSep's vertical pass are < 100).
const minArg = process.argv.find((a) => a.startsWith('--min='));
const MIN = minArg ? Number(minArg.slice(6)) : 40;
const args = process.argv.slice(2).filter((a) => !a.startsWith('--min='));
const names = args.length ? args : ['blendGreyRgb', 'greySum', 'affineLevels', 'resizeSep'];
const index = exportIndices(readFileSync(WASM));
const dump = execFileSync(process.execPath, ['--no-liftoff', '--no-wasm-lazy-compilation', '--print-wasm-code', fileURLToPath(import.meta.url), '--child'], { maxBuffer: 1 << 30 }).toString();
const blocks = new Map();
for (const b of dump.split('--- WebAssembly code ---')) {
  const m = /name: wasm-function\[(\d+)\]/.exec(b);
  if (m && /compiler: TurboFan/.test(b)) blocks.set(Number(m[1]), b);
}
for (const name of names) {
  const i = index.get(name);
  const b = i === undefined ? undefined : blocks.get(i);
  if (!b) { console.log(`${name}: not found`); continue; }
  const lines = b.split('\n').filter((l) => /^0x[0-9a-f]+\s/.test(l));
  const addr = lines.map((l) => parseInt(l.split(/\s+/)[0], 16));
  const at = new Map(addr.map((a, k) => [a, k]));
  const loops = new Map();
  lines.forEach((l, k) => {
    const j = /\bj\w+\s+(0x[0-9a-f]+)/.exec(l);
    const t = j ? at.get(parseInt(j[1], 16)) : undefined;
    if (t === undefined || t >= k) return;
    const len = k - t;
    if (len < MIN || len > 2000) return;
    loops.set(t, [...(loops.get(t) ?? []), len]);
  });
  console.log(`${name} (wasm-function[${i}], ${lines.length} instructions)`);
  // A loop head with several back edges (a branch inside the body, e.g. blendGreyRgb's optional grey sum)
  // lists each path's length; the stack and pshufb counts are over the longest.
  for (const [t, lens] of [...loops].sort((x, y) => x[0] - y[0])) {
    const body = lines.slice(t, t + Math.max(...lens) + 1);
    const count = (re) => body.filter((l) => re.test(l)).length;
    console.log(`  loop at ${String(t).padStart(5)}: ${lens.sort((x, y) => x - y).join(' / ').padStart(4)} instructions, ${count(/\[rbp-/)} stack spills/reloads, ${count(/pshufb/)} pshufb`);
  }
}
