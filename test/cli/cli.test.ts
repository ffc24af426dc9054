/**
 * The command line as a user runs it (dist/node/cli.js in a child process): strict argument parsing
 * with suggestions, help and version, exit codes (0 ok, 1 error, 2 usage, 3 drift — drift's 3 is in
 * test/api/io-flow.test.ts), nothing created before the arguments are valid, the seed's Keras config
 * without --config, and the fuzzer's findings (issue 13): sources sharing a stem never write to one
 * output name, every manifest entry is a file on disk, no augmentable input → non-zero exit, skipped
 * symlinks are reported.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'dist', 'node', 'cli.js');
const TMP = mkdtempSync(join(tmpdir(), 'edge-augment-cli-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: TMP, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A 24-bit BMP (bottom-up BGR rows padded to 4 bytes) of an RGB image. */
function bmp(rgb: Uint8Array, w: number, h: number): Uint8Array {
  const row = Math.ceil((w * 3) / 4) * 4;
  const b = Buffer.alloc(54 + row * h);
  b.write('BM', 0); b.writeUInt32LE(b.length, 2); b.writeUInt32LE(54, 10); b.writeUInt32LE(40, 14);
  b.writeInt32LE(w, 18); b.writeInt32LE(h, 22); b.writeUInt16LE(1, 26); b.writeUInt16LE(24, 28); b.writeUInt32LE(row * h, 34);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) b[54 + (h - 1 - y) * row + x * 3 + c] = rgb[(y * w + x) * 3 + 2 - c]!;
  return b;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Every file under `dir` (relative path → bytes), manifest.json excluded. */
function outputs(dir: string, rel = ''): Map<string, Uint8Array> {
  const m = new Map<string, Uint8Array>();
  for (const f of readdirSync(join(dir, rel))) {
    const p = join(rel, f);
    if (statSync(join(dir, p)).isDirectory()) for (const [k, v] of outputs(dir, p)) m.set(k, v);
    else if (p !== 'manifest.json') m.set(p, readFileSync(join(dir, p)));
  }
  return m;
}

describe('edge-augment CLI: arguments, help, exit codes', () => {
  it('--help, help, help <command>, <command> --help: exit 0 with the right text', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out).toMatch(/commands:[\s\S]*augment[\s\S]*profile[\s\S]*drift/);
      expect(r.out).toMatch(/exit codes: 0 ok · 1 error · 2 usage error · 3 drift/);
    }
    for (const args of [['help', 'augment'], ['augment', '--help'], ['augment', '-h']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out).toMatch(/^usage: edge-augment augment <dir> --out <dir>/);
      expect(r.out).toMatch(/--variants <N>/);
      expect(r.out).toMatch(/ImageDataGenerator\(rotation_range=50/);
    }
    expect(cli('help', 'drift').out).toMatch(/--reference <file>[\s\S]*--alpha/);
    expect(cli('profile', '--help').out).toMatch(/^usage: edge-augment profile/);
  });

  it('--version prints the package version, exit 0', () => {
    const r = cli('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(cli('-V').out.trim()).toBe(r.out.trim());
  });

  it('usage errors exit 2 with a suggestion for a typo, and create nothing', () => {
    const out = join(TMP, 'never');
    const cases: [string[], RegExp][] = [
      [[], /usage: edge-augment <command>/],
      [['augment', join(ROOT, 'samples'), '--out', out, '--variantz', '2'], /unknown option --variantz\. Did you mean --variants\?/],
      [['augmnt', join(ROOT, 'samples')], /unknown command "augmnt"\. Did you mean augment\?/],
      [['help', 'drfit'], /unknown command "drfit"\. Did you mean drift\?/],
      [['augment', join(ROOT, 'samples')], /missing --out/],
      [['augment', '--out', out], /missing <dir>/],
      [['augment', join(ROOT, 'samples'), 'extra', '--out', out], /unexpected argument "extra"/],
      [['augment', join(ROOT, 'samples'), '--out', out, '--variants', 'abc'], /--variants: expected an integer/],
      [['augment', join(ROOT, 'samples'), '--out', out, '--quality', '101'], /--quality: expected a number from 0 to 100/],
      [['augment', join(ROOT, 'samples'), '--out', out, '--format', 'gif'], /--format: expected jpeg, png or webp/],
      [['augment', join(ROOT, 'samples'), '--out', out, '--workers', 'many'], /--workers: expected an integer/],
      [['drift', join(ROOT, 'samples'), '--reference'], /--reference <value>' argument missing/],
      [['drift', join(ROOT, 'samples'), '--reference', 'x.json', '--alpha', '2'], /--alpha: expected a number between 0 and 1/],
      [['--frobnicate'], /unknown option --frobnicate/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(...args);
      expect(r.code, `${args.join(' ')}\n${r.err}`).toBe(2);
      expect(r.err + r.out, args.join(' ')).toMatch(msg);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('errors that are not usage errors exit 1 (missing folder), with the code', () => {
    const r = cli('augment', join(TMP, 'nope'), '--out', join(TMP, 'o1'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/IO_ERROR/);
    expect(existsSync(join(TMP, 'o1'))).toBe(false);
  });
});

describe('edge-augment augment: outputs', () => {
  let input: string;
  beforeAll(async () => {
    const P = await pkg();
    const photo = await P.decodeImage(readFileSync(join(ROOT, 'samples', 'astronaut.png')), { decoder: 'wasm' });
    const small = P.convertChannels(P.resizeRawImage(photo, 48, 40, 'bilinear'), 3);
    input = join(TMP, 'in');
    mkdirSync(join(input, 'sub'), { recursive: true });
    writeFileSync(join(input, 'good.png'), await P.encodeImage(small, { format: 'png' }));
    writeFileSync(join(input, 'good.jpg'), await P.encodeImage(small, { format: 'jpeg', quality: 95 }));
    writeFileSync(join(input, 'good.webp'), await P.encodeImage(small, { format: 'webp', quality: 95 }));
    writeFileSync(join(input, 'good.bmp'), bmp(small.data as Uint8Array, 48, 40));
    writeFileSync(join(input, 'sub', 'other.png'), await P.encodeImage(small, { format: 'png' }));
    symlinkSync(join(input, 'good.png'), join(input, 'link.png'));
  }, 60_000);

  it('sources sharing a stem never write to one name; every manifest entry is a file with its sha256; symlinks reported', () => {
    const out = join(TMP, 'out-collide');
    const r = cli('augment', input, '--out', out, '--variants', '3', '--config', join(ROOT, 'scripts', 'seed-config.txt'), '--seed', '9');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/skipped link\.png: symbolic link \(not followed\)/);
    const files = outputs(out);
    expect([...files.keys()].sort()).toEqual([
      'good.bmp_00.jpg', 'good.bmp_01.jpg', 'good.bmp_02.jpg', 'good.jpg_00.jpg', 'good.jpg_01.jpg', 'good.jpg_02.jpg',
      'good.png_00.jpg', 'good.png_01.jpg', 'good.png_02.jpg', 'good.webp_00.jpg', 'good.webp_01.jpg', 'good.webp_02.jpg',
      join('sub', 'other_00.jpg'), join('sub', 'other_01.jpg'), join('sub', 'other_02.jpg'),
    ].sort());
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.variants).toHaveLength(15);
    const onDisk = [...files.values()].map(sha).sort();
    expect(manifest.variants.map((v: { sha256: string }) => v.sha256).sort()).toEqual(onDisk);
  }, 120_000);

  it("without --config: the seed's Keras config, said so (not identity copies)", () => {
    const out = join(TMP, 'out-default');
    const r = cli('augment', input, '--out', out, '--variants', '2', '--format', 'png');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/no --config: using the seed's Keras config ImageDataGenerator\(rotation_range=50/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.spec).toMatchObject({ rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, horizontalFlip: true });
    // Augmented, not copies: every variant differs from the decoded source.
    expect(new Set(manifest.variants.map((v: { params: { theta: number } }) => v.params.theta)).size).toBeGreaterThan(1);
    expect(readFileSync(join(ROOT, 'scripts', 'seed-config.txt'), 'utf8').trim()).toBe(r.out.match(/config (ImageDataGenerator\(.*\))/)![1]);
  }, 120_000);

  it('no image could be augmented → exit 1 (nothing claims success)', () => {
    const bad = join(TMP, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'a.png'), Buffer.from('not a png at all'));
    writeFileSync(join(bad, 'b.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    const r = cli('augment', bad, '--out', join(TMP, 'out-bad'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/augmented 0\/2 images/);
    expect(r.err).toMatch(/EMPTY_INPUT: None of the 2 images/);
  }, 60_000);
});
