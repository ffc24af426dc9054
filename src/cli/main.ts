/**
 * The `edge-augment` command line (Node ≥ 20, Deno with --allow-read --allow-write):
 *   edge-augment augment <dir> --out <dir> [--variants N] [--config keras.json] [--seed S] …
 *   edge-augment profile <dir> -o profile.json
 *   edge-augment drift <dir> --reference profile.json
 *   edge-augment help [command] · edge-augment --version
 * Arguments are parsed strictly with node:util's parseArgs; exit codes: 0 ok, 1 error, 2 usage
 * error, 3 drift found.
 */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { parseArgs as utilParseArgs } from 'node:util';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { EdgeAugmentError } from '../errors.js';
import { augmentForUpload } from '../client/upload.js';
import { fromKerasConfig, parseKerasArgs } from '../spec/keras.js';
import type { AugmentSpec } from '../spec/spec.js';
import { runProfileCommand, runDriftCommand } from './drift-commands.js';

const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.webp', '.bmp']);

/** Parsed command line. */
export interface ParsedArgs {
  /** 'augment' | 'profile' | 'drift' | 'help' | 'version' (undefined: none given). */
  command: string | undefined;
  positional: string[];
  flags: Record<string, string | boolean>;
}

type OptionSpec = { type: 'string' | 'boolean'; short?: string; value?: string; help: string };

interface CommandSpec {
  usage: string;
  summary: string;
  details?: string;
  /** Positional arguments: their names; all required. */
  positionals: string[];
  options: Record<string, OptionSpec>;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };
const WORKERS_OPTION: OptionSpec = { type: 'string', value: 'N|auto', help: "worker threads (default 0: inline; 'auto': up to 4)" };

/** Every command, its arguments and options (the help text is generated from this). */
export const COMMANDS: Readonly<Record<'augment' | 'profile' | 'drift', CommandSpec>> = {
  augment: {
    usage: 'edge-augment augment <dir> --out <dir> [options]',
    summary: 'augment every image under <dir> (recursively) into --out, with a manifest',
    details: 'Mirrors folders; writes <stem>_NN.<ext> per variant (<stem>.<source ext>_NN.<ext> when two\nsources share a stem), and --out/manifest.json (source hashes, seed, spec, per-variant params\nand sha256). Without --config, the seed\'s Keras config is used:\n  ' + 'SEED_PLACEHOLDER',
    positionals: ['dir'],
    options: {
      out: { type: 'string', short: 'o', value: 'dir', help: 'output folder (created once the arguments are valid)' },
      variants: { type: 'string', value: 'N', help: 'variants per image (default 4)' },
      config: { type: 'string', value: 'file', help: "Keras config: JSON (snake_case or camelCase) or a pasted ImageDataGenerator(...) argument list" },
      seed: { type: 'string', value: 'S', help: 'seed (integer or string; default 0)' },
      format: { type: 'string', value: 'jpeg|png|webp', help: 'output format (default jpeg)' },
      quality: { type: 'string', value: 'Q', help: 'encoder quality 0..100 (default 90)' },
      workers: WORKERS_OPTION,
      'keras-compat': { type: 'boolean', help: "Keras's exact geometry (transposed shifts/pivot on non-square images)" },
      help: HELP_OPTION,
    },
  },
  profile: {
    usage: 'edge-augment profile <dir> --out profile.json [options]',
    summary: 'summarise the images under <dir> into a mergeable drift profile',
    positionals: ['dir'],
    options: {
      out: { type: 'string', short: 'o', value: 'file', help: 'where to write the profile JSON' },
      workers: WORKERS_OPTION,
      help: HELP_OPTION,
    },
  },
  drift: {
    usage: 'edge-augment drift <dir> --reference profile.json [options]',
    summary: 'compare the images under <dir> with a reference profile (exit 3 on drift)',
    positionals: ['dir'],
    options: {
      reference: { type: 'string', value: 'file', help: 'the reference profile (from `edge-augment profile`)' },
      alpha: { type: 'string', value: 'A', help: 'significance level, 0 < A < 1 (default 0.05)' },
      json: { type: 'boolean', help: 'print the report as JSON' },
      workers: WORKERS_OPTION,
      help: HELP_OPTION,
    },
  },
};

/** Exit codes of the command line. */
export const EXIT = Object.freeze({ ok: 0, error: 1, usage: 2, drift: 3 });

/** A usage error: wrong command line (exit code 2). */
export function usageError(message: string): EdgeAugmentError {
  return new EdgeAugmentError('INVALID_ARGUMENT', message, { details: { usage: true } });
}

function isUsageError(e: unknown): boolean {
  return e instanceof EdgeAugmentError && e.details?.usage === true;
}

/** Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      // A swap of two neighbours is one typo (Damerau).
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known name, if it is close enough to be a typo. */
function suggest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dist = editDistance(name, k);
    if (dist < bestD) { bestD = dist; best = k; }
  }
  return best !== undefined && (bestD <= Math.max(1, Math.floor(best.length / 3)) || best.startsWith(name)) ? best : undefined;
}

/**
 * Parses `argv` (without node and script) with `node:util`'s `parseArgs`, strictly: the command
 * first, then its positionals and options (`--name value`, `--name=value`, `-o value`). Unknown
 * options, missing values and wrong positional counts are usage errors (with a suggestion for a
 * typo); `--help` / `-h` and `--version` / `-V` are understood everywhere.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` with `details.usage` (exit code 2).
 */
export function parseArgs(argv: string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined) return { command: undefined, positional: [], flags: {} };
  if (first === '--version' || first === '-V') {
    if (rest.length) throw usageError(`--version takes no arguments, got ${rest.join(' ')}.`);
    return { command: 'version', positional: [], flags: {} };
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest.filter((a) => a !== '--help' && a !== '-h');
    if (topic.length > 1 || (topic[0] !== undefined && !(topic[0] in COMMANDS))) {
      const t = topic[0]!;
      const hint = t.startsWith('-') ? undefined : suggest(t, Object.keys(COMMANDS));
      throw usageError(topic.length > 1 ? `help takes one command name, got ${topic.join(' ')}.` : `help: unknown command ${JSON.stringify(t)}.${hint ? ` Did you mean ${hint}?` : ''} Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    }
    return { command: 'help', positional: topic, flags: {} };
  }
  if (first.startsWith('-')) throw usageError(`unknown option ${first} (a command comes first: ${Object.keys(COMMANDS).join(', ')}, help).`);
  const spec = (COMMANDS as Record<string, CommandSpec>)[first];
  if (!spec) {
    const hint = suggest(first, [...Object.keys(COMMANDS), 'help']);
    throw usageError(`unknown command ${JSON.stringify(first)}.${hint ? ` Did you mean ${hint}?` : ''} Commands: ${Object.keys(COMMANDS).join(', ')}, help.`);
  }
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [k, o] of Object.entries(spec.options)) options[k] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = utilParseArgs({ args: rest, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const name = /'(-{1,2}[^'=]+)/.exec(err.message ?? '')?.[1] ?? '';
      const hint = suggest(name.replace(/^-+/, ''), Object.keys(spec.options));
      throw usageError(`${first}: unknown option ${name}.${hint ? ` Did you mean --${hint}?` : ''} See \`edge-augment help ${first}\`.`);
    }
    throw usageError(`${first}: ${(err.message ?? String(e)).replace(/\.$/, '')}. See \`edge-augment help ${first}\`.`);
  }
  const flags: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(parsed.values)) if (v !== undefined) flags[k] = v;
  if (flags.help) return { command: first, positional: parsed.positionals, flags };
  if (parsed.positionals.length !== spec.positionals.length) {
    throw usageError(parsed.positionals.length < spec.positionals.length
      ? `${first}: missing <${spec.positionals[parsed.positionals.length]}>. Usage: ${spec.usage}`
      : `${first}: unexpected argument ${JSON.stringify(parsed.positionals[spec.positionals.length])}. Usage: ${spec.usage}`);
  }
  return { command: first, positional: parsed.positionals, flags };
}

/** The help text: the overview, or one command's. */
export function helpText(command?: string): string {
  const spec = command ? (COMMANDS as Record<string, CommandSpec>)[command] : undefined;
  if (spec) {
    const rows = Object.entries(spec.options).map(([k, o]) => [`${o.short ? `-${o.short}, ` : '    '}--${k}${o.value ? ` <${o.value}>` : ''}`, o.help] as const);
    const w = Math.max(...rows.map((r) => r[0].length));
    return `usage: ${spec.usage}\n\n${spec.summary}.\n${spec.details ? `\n${spec.details.replace('SEED_PLACEHOLDER', SEED_KERAS_CONFIG)}\n` : ''}\noptions:\n${rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`).join('\n')}\n`;
  }
  const cmds = Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(8)} ${c.summary}`).join('\n');
  return `edge-augment — Keras-compatible image augmentation and drift statistics

usage: edge-augment <command> [arguments] [options]
       edge-augment help [command]     edge-augment --version

commands:
${cmds}

exit codes: 0 ok · 1 error · 2 usage error · 3 drift found (drift)
Run \`edge-augment help <command>\` for a command's options.
`;
}

/** The seed's Keras config (scripts/seed-config.txt): what `augment` uses without --config. */
export const SEED_KERAS_CONFIG = 'ImageDataGenerator(rotation_range=50, width_shift_range=.25, height_shift_range=.25, shear_range=.2, zoom_range=.25, horizontal_flip=True, rescale=1./255)';

/** The package version (package.json beside dist/). */
export async function packageVersion(): Promise<string> {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'edge-augment' && pkg.version) return pkg.version;
    } catch { /* next */ }
  }
  return 'unknown';
}

/**
 * Image files under `dir`, recursively, sorted (code-point order), as paths relative to `dir`.
 * Symbolic links are not followed; each one that names an image (or a folder) is reported to `onSkip`.
 */
export async function walkImages(dir: string, onSkip?: (rel: string, why: string) => void): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && IMAGE_EXT.has(extname(e.name).toLowerCase())) out.push(relative(dir, p));
      else if (e.isSymbolicLink()) onSkip?.(relative(dir, p), 'symbolic link (not followed)');
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
/** `--workers N|auto` (default 0: inline). */
export function workersFlag(args: ParsedArgs): number | 'auto' {
  const w = args.flags.workers;
  if (w === undefined) return 0;
  if (w === 'auto') return 'auto';
  if (typeof w !== 'string' || !/^\d+$/.test(w) || Number(w) > 64) throw usageError(`--workers: expected an integer from 0 to 64 or 'auto', got ${JSON.stringify(w)}.`);
  return Number(w);
}

/** A numeric option: `name` must parse as a number passing `ok`. */
function numberFlag(args: ParsedArgs, name: string, fallback: number, ok: (n: number) => boolean, expected: string): number {
  const v = args.flags[name];
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || !ok(n)) throw usageError(`--${name}: expected ${expected}, got ${JSON.stringify(v)}.`);
  return n;
}

/** `--alpha` for drift (default 0.05). */
export function alphaFlag(args: ParsedArgs): number {
  return numberFlag(args, 'alpha', 0.05, (n) => n > 0 && n < 1, 'a number between 0 and 1');
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

/**
 * Output names of `files` (paths relative to the input folder) for variant `v`: `<stem>_NN.<ext>` in
 * the mirrored folder; sources that share a folder and stem (case-insensitively: `good.png`,
 * `good.JPG`) get `<stem>.<source ext>_NN.<ext>` instead, so that no two outputs share a name.
 */
export function outputNamer(files: readonly string[], ext: string): (rel: string, variant: number) => string {
  const key = (rel: string) => join(dirname(rel), basename(rel, extname(rel))).toLowerCase();
  const count = new Map<string, number>();
  for (const f of files) count.set(key(f), (count.get(key(f)) ?? 0) + 1);
  return (rel, variant) => {
    const stem = basename(rel, extname(rel));
    const tag = (count.get(key(rel)) ?? 0) > 1 ? `${stem}.${extname(rel).slice(1)}` : stem;
    return join(dirname(rel), `${tag}_${String(variant).padStart(2, '0')}.${ext}`);
  };
}

/** Runs the augment command; returns a summary. Every argument is checked before --out is created. */
export async function runAugmentCommand(args: ParsedArgs, log: (s: string) => void = (s) => process.stdout.write(s + '\n')) {
  const dir = args.positional[0];
  const out = args.flags.out as string | undefined;
  if (!dir) throw usageError(`augment: missing <dir>. Usage: ${COMMANDS.augment.usage}`);
  if (!out) throw usageError(`augment: missing --out <dir>. Usage: ${COMMANDS.augment.usage}`);
  const variants = numberFlag(args, 'variants', 4, (n) => Number.isInteger(n) && n >= 1 && n <= 1000, 'an integer from 1 to 1000');
  const seed = args.flags.seed === undefined ? 0 : /^-?\d+$/.test(String(args.flags.seed)) ? Number(args.flags.seed) : String(args.flags.seed);
  const format = (args.flags.format as 'jpeg' | 'png' | 'webp' | undefined) ?? 'jpeg';
  if (!['jpeg', 'png', 'webp'].includes(format)) throw usageError(`--format: expected jpeg, png or webp, got ${JSON.stringify(format)}.`);
  const quality = numberFlag(args, 'quality', 90, (n) => n >= 0 && n <= 100, 'a number from 0 to 100');
  const workers = workersFlag(args);
  let spec: AugmentSpec;
  if (args.flags.config) spec = await readSpecFile(String(args.flags.config));
  else {
    spec = parseKerasArgs(SEED_KERAS_CONFIG).spec;
    log(`no --config: using the seed's Keras config ${SEED_KERAS_CONFIG}`);
  }
  const skipped: string[] = [];
  const files = await walkImages(dir, (rel, why) => skipped.push(`  skipped ${rel}: ${why}`));
  for (const line of skipped) log(line);
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
  const nameOf = outputNamer(files.map((f) => f.split(sep).join('/')), ext);
  const taken = new Set<string>();
  for await (const v of run) {
    const name = nameOf(v.source, v.variant);
    // outputNamer makes names unique; this guards the invariant (never two outputs to one file).
    if (taken.has(name.toLowerCase())) throw new EdgeAugmentError('INVALID_STATE', `Two outputs would be written to ${name}.`);
    taken.add(name.toLowerCase());
    const target = join(out, name);
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
  if (written === 0) throw new EdgeAugmentError('EMPTY_INPUT', `None of the ${files.length} images under ${dir} could be augmented (see the lines above).`);
  return { files: files.length, written, failures: run.failures, manifest: run.manifest, skipped: skipped.length };
}

/**
 * CLI entry: returns the process exit code — 0 ok, 1 error, 2 usage error, 3 drift found.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['drift', 'today/', '--reference', 'profile.json']);
 * ```
 */
export async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    process.stderr.write(`edge-augment: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  if (args.command === undefined) { process.stderr.write(helpText()); return EXIT.usage; }
  if (args.command === 'version') { process.stdout.write(`${await packageVersion()}\n`); return EXIT.ok; }
  if (args.command === 'help') { process.stdout.write(helpText(args.positional[0])); return EXIT.ok; }
  if (args.flags.help) { process.stdout.write(helpText(args.command)); return EXIT.ok; }
  try {
    switch (args.command) {
      case 'augment': await runAugmentCommand(args); return EXIT.ok;
      case 'profile': await runProfileCommand(args); return EXIT.ok;
      default: return (await runDriftCommand(args)) ? EXIT.drift : EXIT.ok;
    }
  } catch (e) {
    if (isUsageError(e)) { process.stderr.write(`edge-augment: ${(e as Error).message}\n`); return EXIT.usage; }
    if (e instanceof EdgeAugmentError) { process.stderr.write(`edge-augment: ${e.code}: ${e.message}\n`); return EXIT.error; }
    process.stderr.write(`edge-augment: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.error;
  }
}

export { profileDir, formatReport } from "./drift-commands.js";

const self = typeof process !== 'undefined' && process.argv[1] ? resolve(process.argv[1]) : '';
if (self && (self.endsWith(`${sep}cli.js`) || self.endsWith(`${sep}edge-augment`))) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`); process.exitCode = 1; });
}
