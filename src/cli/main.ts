/**
 * The `edge-augment` command line (Node ≥ 20, Deno with --allow-read --allow-write):
 *   edge-augment augment <dir> --out <dir> [--variants N] [--config keras.json] [--seed S] …
 *   edge-augment profile <dir> -o profile.json
 *   edge-augment drift --reference profile.json <dir>
 */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { EdgeAugmentError } from '../errors.js';
import { augmentForUpload } from '../client/upload.js';
import { fromKerasConfig, parseKerasArgs } from '../spec/keras.js';
import type { AugmentSpec } from '../spec/spec.js';
import { runProfileCommand, runDriftCommand } from './drift-commands.js';

const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.webp', '.bmp']);

/** Parsed command line. */
export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  flags: Record<string, string | boolean>;
}

/** Parses `argv` (without node and script): `--name value`, `--name=value`, `-o value`, booleans. */
export function parseArgs(argv: string[], booleans: ReadonlySet<string> = new Set(['keras-compat', 'help', 'quiet', 'json'])): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags[name] = a.slice(eq + 1);
      else if (booleans.has(name)) flags[name] = true;
      else {
        const v = argv[++i];
        if (v === undefined) throw new EdgeAugmentError('INVALID_ARGUMENT', `--${name} needs a value.`);
        flags[name] = v;
      }
    } else if (a === '-o') {
      const v = argv[++i];
      if (v === undefined) throw new EdgeAugmentError('INVALID_ARGUMENT', '-o needs a value.');
      flags.out = v;
    } else if (a === '-h') flags.help = true;
    else positional.push(a);
  }
  return { command: positional.shift(), positional, flags };
}

/** Image files under `dir`, recursively, sorted (code-point order), as paths relative to `dir`. */
export async function walkImages(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && IMAGE_EXT.has(extname(e.name).toLowerCase())) out.push(relative(dir, p));
    }
  }
  const s = await stat(dir).catch(() => null);
  if (!s?.isDirectory()) throw new EdgeAugmentError('IO_ERROR', `Not a directory: ${dir}`);
  await walk(dir);
  return out;
}

/** Reads a Keras config file: JSON (snake_case or camelCase) or a pasted `ImageDataGenerator(...)` argument list. */
export async function readSpecFile(path: string): Promise<AugmentSpec> {
  const text = await readFile(path, 'utf8').catch((e) => { throw new EdgeAugmentError('IO_ERROR', `Cannot read --config ${path}: ${(e as Error).message}`); });
  const t = text.trim();
  if (t.startsWith('{')) {
    let obj: Record<string, unknown>;
    try { obj = JSON.parse(t); } catch (e) { throw new EdgeAugmentError('INVALID_SPEC', `--config ${path}: ${(e as Error).message}`); }
    const snake = Object.keys(obj).some((k) => k.includes('_'));
    return snake ? fromKerasConfig(obj).spec : (obj as AugmentSpec);
  }
  return parseKerasArgs(t).spec;
}

/** A one-line progress bar on a TTY (stderr), plain lines otherwise. */
/** `--workers N|auto` (default 0: inline). Bad values are left to the augmenter's own check. */
export function workersFlag(args: ParsedArgs): number | 'auto' {
  const w = args.flags.workers;
  return w === 'auto' ? 'auto' : Number(w ?? 0);
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  const t0 = Date.now();
  let last = 0;
  return {
    update(done: number, total: number | undefined, note = '') {
      const now = Date.now();
      if (tty && now - last < 50 && done !== total) return;
      last = now;
      const rate = done / Math.max(1e-3, (now - t0) / 1000);
      if (tty && total) {
        const w = 28;
        const f = Math.round((done / total) * w);
        stream.write(`\r${label} [${'#'.repeat(f)}${'.'.repeat(w - f)}] ${done}/${total} ${rate.toFixed(1)}/s ${note}`.padEnd(100));
        if (done === total) stream.write('\n');
      } else if (!tty) {
        stream.write(`${label} ${done}${total ? `/${total}` : ''} ${note}\n`);
      }
    },
  };
}

const HELP = `edge-augment — Keras-compatible image augmentation and drift statistics

  edge-augment augment <dir> --out <dir> [--variants N] [--config keras.json|args.txt] [--seed S]
                       [--format jpeg|png|webp] [--quality Q] [--workers N|auto] [--keras-compat]
      Augments every image under <dir> (recursively) into --out, mirroring folders, and writes
      --out/manifest.json (source hashes, seed, spec, per-variant params and hashes).
  edge-augment profile <dir> -o profile.json
      Summarises the images under <dir> into a mergeable drift profile.
  edge-augment drift --reference profile.json <dir> [--json]
      Compares the images under <dir> with a reference profile; exits 3 when drift is found.
`;

/** Runs the augment command; returns a summary. */
export async function runAugmentCommand(args: ParsedArgs, log: (s: string) => void = (s) => process.stdout.write(s + '\n')) {
  const dir = args.positional[0];
  const out = args.flags.out as string | undefined;
  if (!dir || !out) throw new EdgeAugmentError('INVALID_ARGUMENT', 'usage: edge-augment augment <dir> --out <dir> [--variants N] [--config file] [--seed S]');
  const variants = Number(args.flags.variants ?? 4);
  const seed = args.flags.seed === undefined ? 0 : /^-?\d+$/.test(String(args.flags.seed)) ? Number(args.flags.seed) : String(args.flags.seed);
  const format = (args.flags.format as 'jpeg' | 'png' | 'webp' | undefined) ?? 'jpeg';
  if (!['jpeg', 'png', 'webp'].includes(format)) throw new EdgeAugmentError('INVALID_ARGUMENT', `--format: expected jpeg, png or webp, got ${format}.`);
  const quality = args.flags.quality === undefined ? 90 : Number(args.flags.quality);
  const workers = workersFlag(args);
  const spec = args.flags.config ? await readSpecFile(String(args.flags.config)) : {};
  const files = await walkImages(dir);
  if (!files.length) throw new EdgeAugmentError('EMPTY_INPUT', `No images (${[...IMAGE_EXT].join(', ')}) under ${dir}.`);
  await mkdir(out, { recursive: true });
  const bar = progressBar('augment');
  const t0 = Date.now();
  const sources = (async function* () {
    for (const f of files) yield { name: f.split(sep).join('/'), bytes: new Uint8Array(await readFile(join(dir, f))) };
  })();
  const run = augmentForUpload(sources, { spec, seed, variants, format, quality, workers, kerasCompat: Boolean(args.flags['keras-compat']), errors: 'skip', onProgress: (d) => bar.update(d, files.length) });
  let written = 0;
  let bytes = 0;
  const ext = format === 'jpeg' ? 'jpg' : format;
  for await (const v of run) {
    const rel = v.source;
    const target = join(out, dirname(rel), `${basename(rel, extname(rel))}_${String(v.variant).padStart(2, '0')}.${ext}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, v.bytes);
    written++;
    bytes += v.bytes.length;
  }
  await writeFile(join(out, 'manifest.json'), JSON.stringify(run.manifest, null, 1));
  const secs = (Date.now() - t0) / 1000;
  log(`augmented ${files.length - run.failures.length}/${files.length} images → ${written} variants (${(bytes / 1e6).toFixed(1)} MB, ${format}) in ${secs.toFixed(1)} s → ${resolve(out)}`);
  log(`manifest: ${join(out, 'manifest.json')} (seed ${JSON.stringify(run.manifest.seed)}, ${run.manifest.variants.length} variants with params and sha256)`);
  for (const f of run.failures) log(`  skipped ${f.source}: ${f.error.code} ${f.error.message}`);
  return { files: files.length, written, failures: run.failures, manifest: run.manifest };
}

/** CLI entry: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try { args = parseArgs(argv); } catch (e) { process.stderr.write(`${(e as Error).message}\n`); return 2; }
  if (!args.command || args.flags.help) { process.stdout.write(HELP); return args.command ? 0 : 2; }
  try {
    switch (args.command) {
      case 'augment': await runAugmentCommand(args); return 0;
      case 'profile': await runProfileCommand(args); return 0;
      case 'drift': return await runDriftCommand(args);
      default: process.stderr.write(`unknown command ${args.command}\n${HELP}`); return 2;
    }
  } catch (e) {
    if (e instanceof EdgeAugmentError) { process.stderr.write(`edge-augment: ${e.code}: ${e.message}\n`); return 1; }
    throw e;
  }
}

export { profileDir, formatReport } from "./drift-commands.js";

const self = typeof process !== 'undefined' && process.argv[1] ? resolve(process.argv[1]) : '';
if (self && (self.endsWith(`${sep}cli.js`) || self.endsWith(`${sep}edge-augment`))) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`); process.exitCode = 1; });
}
