/** The demo's STORE-only zip writer: CRC-32 check value, layout, and a read-back by Python's zipfile when present. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crc32, createZip } from '../../demo/src/zip.js';

const OUT = fileURLToPath(new URL('../../test-output', import.meta.url));

function hasPython(): boolean {
  try { execFileSync('python3', ['-c', 'import zipfile'], { stdio: 'ignore' }); return true; } catch { return false; }
}

describe('demo zip writer', () => {
  it('CRC-32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('writes local headers, a central directory and an end record', () => {
    const files = [
      { name: 'a.txt', data: new TextEncoder().encode('hello') },
      { name: 'dir/ü.bin', data: new Uint8Array([0, 1, 2, 255]) },
      { name: 'empty', data: new Uint8Array(0) },
    ];
    const zip = createZip(files, new Date(2024, 4, 17, 12, 30, 10));
    const v = new DataView(zip.buffer);
    expect(v.getUint32(0, true)).toBe(0x04034b50);
    const eocd = zip.length - 22;
    expect(v.getUint32(eocd, true)).toBe(0x06054b50);
    expect(v.getUint16(eocd + 10, true)).toBe(3);
    const cd = v.getUint32(eocd + 16, true);
    expect(v.getUint32(cd, true)).toBe(0x02014b50);
    expect(cd + v.getUint32(eocd + 12, true)).toBe(eocd);
  });

  it.runIf(hasPython())('reads back with Python zipfile (CRC-checked)', () => {
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'zip-writer.zip');
    const big = new Uint8Array(70_000).map((_, i) => (i * 7919) & 255);
    writeFileSync(file, createZip([{ name: 'x/big.bin', data: big }, { name: 'näme.txt', data: new TextEncoder().encode('ok') }]));
    const out = execFileSync('python3', ['-c', `
import sys, zipfile, hashlib
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(z.namelist(), len(z.read('x/big.bin')), z.read('näme.txt').decode())
`, file]).toString().trim();
    expect(out).toBe("['x/big.bin', 'näme.txt'] 70000 ok");
  });
});
