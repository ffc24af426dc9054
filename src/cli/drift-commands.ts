/** The `profile` and `drift` CLI commands: images on disk → profile JSON, and a report against one. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import { decodeImage } from '../io/decode.js';
import { createExecutor } from '../client/drift.js';
import { ProfileBuilder, Profile } from '../drift/profile.js';
import { createMonitorCore } from '../drift/monitor-core.js';
import type { DriftReport } from '../drift/report.js';
import { IMAGE_FEATURE_RECORD_NAMES } from '../drift/features/index.js';
import type { ParsedArgs } from './main.js';
import { COMMANDS, alphaFlag, progressBar, usageError, walkImages, workersFlag } from './main.js';

/** Feature rows of every image under `dir`, decoded and measured in chunks (bounded memory). */
export async function featureRowsOfDir(dir: string, workers: number | 'auto', onRows: (rows: Record<string, number>[]) => void): Promise<{ files: number; failures: { file: string; error: EdgeAugmentError }[] }> {
  const files = await walkImages(dir, (rel, why) => process.stderr.write(`  skipped ${rel}: ${why}\n`));
  if (!files.length) throw new EdgeAugmentError('EMPTY_INPUT', `No images under ${dir}.`);
  const bar = progressBar('features');
  const failures: { file: string; error: EdgeAugmentError }[] = [];
  const CHUNK = 32;
  // One executor for the whole folder: a pool (or an inline engine) starts once, not once per chunk.
  const ex = await createExecutor({ workers });
  try {
    for (let i = 0; i < files.length; i += CHUNK) {
      const part = files.slice(i, i + CHUNK);
      const images: RawImage[] = [];
      const names: string[] = [];
      for (const f of part) {
        try {
          images.push(await decodeImage(new Uint8Array(await readFile(join(dir, f))), { decoder: 'wasm' }));
          names.push(f);
        } catch (e) {
          if (!(e instanceof EdgeAugmentError)) throw e;
          failures.push({ file: f, error: e });
        }
      }
      if (images.length) {
        const r = await ex.features(images);
        for (const fl of r.failures) failures.push({ file: names[fl.index]!, error: fl.error });
        onRows(r.rows);
      }
      bar.update(Math.min(files.length, i + CHUNK), files.length);
    }
  } finally {
    ex.close();
  }
  return { files: files.length, failures };
}

/** Builds an image-feature profile of a folder. */
export async function profileDir(dir: string, workers: number | 'auto' = 0, reference?: Profile): Promise<Profile> {
  const builder = new ProfileBuilder({ features: [...IMAGE_FEATURE_RECORD_NAMES], ...(reference ? { reference } : {}) });
  const r = await featureRowsOfDir(dir, workers, (rows) => { for (const row of rows) builder.add(row); });
  for (const f of r.failures) process.stderr.write(`  skipped ${f.file}: ${f.error.code} ${f.error.message}\n`);
  return builder.toProfile();
}

/** `edge-augment profile <dir> -o profile.json` */
export async function runProfileCommand(args: ParsedArgs): Promise<void> {
  const dir = args.positional[0];
  const out = args.flags.out as string | undefined;
  if (!dir || !out) throw usageError(`profile: missing ${dir ? '--out <file>' : '<dir>'}. Usage: ${COMMANDS.profile.usage}`);
  const workers = workersFlag(args);
  const profile = await profileDir(dir, workers);
  const json = JSON.stringify(profile);
  await writeFile(out, json);
  process.stdout.write(`profile of ${profile.rows} images, ${profile.featureNames.length} features → ${out} (${(json.length / 1024).toFixed(1)} KB)\n`);
}

/** Formats a report as an aligned table plus its summary. */
export function formatReport(report: DriftReport): string {
  const lines = ['feature                 test           statistic    p-value   threshold  drift'];
  for (const f of report.features) {
    lines.push(`${f.name.padEnd(23)} ${f.test.padEnd(13)} ${fmt(f.statistic).padStart(10)} ${(f.pvalue === undefined ? '—' : fmt(f.pvalue)).padStart(10)} ${fmt(f.threshold).padStart(10)}  ${f.drift ? 'DRIFT' : 'ok'}${f.approximate ? ' (approx.)' : ''}`);
  }
  lines.push('', report.summary());
  return lines.join('\n');
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : x.toFixed(4);
}

/** `edge-augment drift <dir> --reference profile.json`: returns true when dataset drift is found (exit 3). */
export async function runDriftCommand(args: ParsedArgs): Promise<boolean> {
  const dir = args.positional[0];
  const refPath = args.flags.reference as string | undefined;
  if (!dir || !refPath) throw usageError(`drift: missing ${dir ? '--reference <file>' : '<dir>'}. Usage: ${COMMANDS.drift.usage}`);
  const alpha = alphaFlag(args);
  const workers = workersFlag(args);
  const text = await readFile(refPath, 'utf8').catch((e) => { throw new EdgeAugmentError('IO_ERROR', `Cannot read ${refPath}: ${(e as Error).message}`); });
  const core = createMonitorCore({ reference: text, alpha });
  await featureRowsOfDir(dir, workers, (rows) => core.update({ kind: 'records', rows }));
  const report = core.report();
  process.stdout.write(args.flags.json ? JSON.stringify(report, null, 1) + '\n' : formatReport(report) + '\n');
  return report.datasetDrift;
}
