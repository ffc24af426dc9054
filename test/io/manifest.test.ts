import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeImage } from '../../src/io/encode.js';
import { sampleImage } from '../fixtures/paths.js';
import {
  addManifestSource, addManifestVariant, createManifest, sha256Hex, validateManifest, verifyVariant, MANIFEST_FORMAT_VERSION,
} from '../../src/io/manifest.js';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 vectors and node:crypto', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const bytes = new Uint8Array(readFileSync(sampleImage('rocket.jpg')));
    const want = createHash('sha256').update(bytes).digest('hex');
    expect(await sha256Hex(bytes)).toBe(want);
    expect(await sha256Hex(bytes.slice().buffer)).toBe(want);
    expect(await sha256Hex(new Blob([bytes]))).toBe(want);
    expect(await sha256Hex(bytes.subarray(10, 20))).toBe(createHash('sha256').update(bytes.subarray(10, 20)).digest('hex'));
  });
});

describe('manifest', () => {
  async function build() {
    const m = createManifest({ seed: 42, spec: { rotationRange: 10 }, kerasCompat: true });
    const src = new Uint8Array(readFileSync(sampleImage('chelsea.png')));
    const i = await addManifestSource(m, 'chelsea.png', src);
    const out = await encodeImage({ data: new Uint8Array(4 * 4 * 3).fill(9), width: 4, height: 4, channels: 3 }, { format: 'png' });
    await addManifestVariant(m, { source: i, index: 0, params: { theta: 3.5 }, format: 'png', quality: 90, encoded: out });
    return { m, out };
  }

  it('builds, round-trips through JSON and validates', async () => {
    const { m, out } = await build();
    expect(m.sources[0]).toMatchObject({ name: 'chelsea.png', width: 451, height: 300 });
    expect(m.variants[0]).toMatchObject({ source: 0, index: 0, format: 'png', bytes: out.length });
    expect(m.variants[0].quality).toBeUndefined(); // PNG has no quality
    const back = validateManifest(JSON.parse(JSON.stringify(m)));
    expect(back).toEqual(m);
    expect(validateManifest(JSON.stringify(m)).formatVersion).toBe(MANIFEST_FORMAT_VERSION);
    expect(await verifyVariant(back.variants[0], out)).toBe(true);
    const tampered = out.slice();
    tampered[tampered.length - 5] ^= 1;
    expect(await verifyVariant(back.variants[0], tampered)).toBe(false);
  });

  it('collects every problem with JSON-pointer paths', async () => {
    const { m } = await build();
    const broken = JSON.parse(JSON.stringify(m));
    broken.formatVersion = 2;
    broken.sources[0].sha256 = 'XYZ';
    broken.variants[0].source = 5;
    broken.variants[0].bytes = 0;
    try {
      validateManifest(broken);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_ARGUMENT' });
      const paths = ((e as { details: { problems: { path: string }[] } }).details.problems).map((p) => p.path);
      expect(paths).toEqual(['/formatVersion', '/sources/0/sha256', '/variants/0/source', '/variants/0/bytes']);
    }
    expect(() => validateManifest('{nope')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => validateManifest([])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    await expect(addManifestVariant(m, { source: 3, index: 0, params: {}, format: 'png', encoded: new Uint8Array(1) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
