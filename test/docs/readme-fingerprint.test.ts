/**
 * README's fingerprint example ("Which attack does today's drift look like?") runs as written against the
 * built package: the code block is taken from README.md, its import line replaced by the package's
 * exports, with `referenceImages` = 200 photo tiles and `currentImages` = held-out tiles re-encoded as
 * JPEG at severity 4 (the SDK's ImageNet-C `jpeg_compression`); what it logs must name JPEG.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';
import { tiles } from '../drift/fingerprint/tiles.js';

function block(readme: string, needle: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const found = blocks.filter((b) => b.includes(needle));
  if (found.length !== 1) throw new Error(`expected one README ts block with ${needle}, found ${found.length}`);
  return found[0]!;
}

describe('README: the fingerprint example', () => {
  it('runs and names JPEG re-encoding for JPEG-re-encoded current images', async () => {
    const api = await pkg();
    const code = block(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'), 'buildSignatureBank');
    const imports = /^import \{([^}]*)\} from 'edge-augment';$/m.exec(code);
    expect(imports, 'the example imports from edge-augment').not.toBeNull();
    const names = imports![1]!.split(',').map((s) => s.trim()).filter(Boolean);
    for (const n of names) expect(api, `edge-augment exports ${n}`).toHaveProperty(n);
    const body = code.replace(imports![0], '');
    const all = await tiles(api);
    const referenceImages = all.slice(0, 200);
    const currentImages = await Promise.all(all.slice(200, 350).map((p, i) => api.corrupt(p, { corruption: 'jpeg_compression', severity: 4, seed: i })));
    const logged: string[] = [];
    const console = { log: (...a: unknown[]) => logged.push(a.map(String).join(' ')) };
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...a: string[]) => (...v: unknown[]) => Promise<void>;
    await new AsyncFunction(...names, 'referenceImages', 'currentImages', 'console', body)(...names.map((n) => (api as Record<string, unknown>)[n]), referenceImages, currentImages, console);
    expect(logged[0]).toMatch(/^jpeg_compression [345]$/);
    expect(logged[1]).toMatch(/Looks like JPEG re-encoding at severity ~[345] \(confidence/);
  }, 300_000);
});
