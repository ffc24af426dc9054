// ImageNet-C rows of `npm run bench` (also: node bench/corrupt.mjs [--quick]): each of the 19 corruptions
// at 224×224 RGB through `corrupt()` (inline, this thread), beside the reference Python `corruptions.py`
// (numpy / scikit-image / OpenCV / SciPy / Wand + ImageMagick; hendrycks/robustness, vendored unmodified
// in test/goldens/ops/corrupt/) timed by bench/corrupt_reference.py with /usr/bin/python3 in the same run.
// Input: the 224² chelsea photo of test/goldens/ops/corrupt/inputs.bin. Ours: median ms per image over
// severities 1–5 (--quick: severity 3), after a warm-up. When Python or its packages (Wand/ImageMagick,
// skimage, OpenCV) are missing, the reference column says so instead of failing.
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { corrupt, CORRUPTIONS } from '../dist/node/index.js';

const PY = '/usr/bin/python3';

/** The reference's ms per image per corruption, or { unavailable: reason }. */
export function referenceTimes(names, quick) {
  if (!existsSync(PY)) return { unavailable: `${PY} not found` };
  const script = fileURLToPath(new URL('./corrupt_reference.py', import.meta.url));
  const r = spawnSync(PY, [script, ...(quick ? ['--quick'] : []), ...names], { encoding: 'utf8', timeout: 30 * 60_000, maxBuffer: 1 << 20 });
  if (r.status !== 0) {
    const last = (r.stderr || r.error?.message || '').trim().split('\n').pop();
    return { unavailable: last || `exit ${r.status}` };
  }
  try { return JSON.parse(r.stdout.trim().split('\n').pop()); } catch { return { unavailable: 'unreadable output' }; }
}

/**
 * Runs the rows. `row(name, size, ms, extra)` prints one (bench.mjs's); returns the rows as data.
 * @param {{ quick?: boolean, row?: Function, only?: string[] }} o
 */
export async function runCorruptBench({ quick = false, row, only } = {}) {
  const bin = readFileSync(new URL('../test/goldens/ops/corrupt/inputs.bin', import.meta.url));
  const image = { data: new Uint8Array(bin.subarray(0, 224 * 224 * 3)), width: 224, height: 224, channels: 3 };
  const names = only ?? [...CORRUPTIONS];
  console.log('# ImageNet-C corruptions, 224² RGB, ms per image (ours: corrupt() inline; reference: corruptions.py via /usr/bin/python3)');
  const t0 = performance.now();
  const ref = referenceTimes(names, quick);
  const refNote = ref.unavailable ? `reference not available here (${ref.unavailable})` : null;
  if (refNote) console.log(`# ${refNote}`);
  else console.log(`# reference timed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const out = [];
  for (const name of names) {
    const times = [];
    for (const severity of quick ? [3] : [1, 2, 3, 4, 5]) {
      for (let w = 0; w < 2; w++) await corrupt(image, { corruption: name, severity, seed: 100 + w });
      for (let r = 0; r < (quick ? 3 : 5); r++) {
        const s = performance.now();
        await corrupt(image, { corruption: name, severity, seed: r });
        times.push(performance.now() - s);
      }
    }
    times.sort((a, b) => a - b);
    const ms = times[times.length >> 1];
    const refMs = refNote ? null : ref[name];
    const extra = { referenceMsPerImg: refMs, speedup: refMs ? refMs / ms : null };
    const note = refNote ? 'reference not available here' : refMs == null ? 'reference: n/a (frost photos not shipped)' : `reference ${refMs.toFixed(1).padStart(8)} ms  reference ÷ ours ${(refMs / ms).toPrecision(2).padStart(5)}`;
    if (row) {
      row(`corrupt ${name}`, 224, ms, extra);
      console.log(`${''.padEnd(48)}${note}`);
    } else console.log(`  ${name.padEnd(20)} ours ${ms.toFixed(2).padStart(8)} ms  ${note}`);
    out.push({ name, size: 224, msPerImg: ms, ...extra });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  await runCorruptBench({ quick, only: only.length ? only : undefined });
}
