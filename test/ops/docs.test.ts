/** The op docs are derived from the registry: README's table and docs/OPS.md must match it (npm run docs:ops). */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';

const sdk = (await import(DIST.href)) as typeof import('../../src/index.js');
// @ts-expect-error plain ESM helper without types
const { opsTable, opsReference } = (await import('../../scripts/op-docs-lib.mjs')) as { opsTable(o: unknown[]): string; opsReference(o: unknown[]): string };
const root = new URL('../../', import.meta.url);

describe('op docs', () => {
  const ops = sdk.listOps().sort((a, b) => a.name.localeCompare(b.name));
  it("README's op table and docs/OPS.md list exactly the registered ops (regenerate: npm run docs:ops)", () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- ops:start -->') + '<!-- ops:start -->\n'.length, readme.indexOf('<!-- ops:end -->'));
    expect(block).toBe(opsTable(ops));
    expect(readFileSync(new URL('docs/OPS.md', root), 'utf8')).toBe(opsReference(ops));
  });
  it('every op has a picture, and every op with a required config field has an example', () => {
    for (const o of ops) {
      expect(existsSync(new URL(`docs/ops/${o.name}.jpg`, root)), o.name).toBe(true);
      const required = Object.entries(o.config).filter(([, f]) => (f as { default?: unknown }).default === undefined && f.type !== 'json');
      for (const [k] of required) expect(o.example?.[k], `${o.name}.example.${k}`).toBeDefined();
    }
  });
  it('every example compiles', () => {
    for (const o of ops) expect(() => sdk.compilePipeline([{ op: o.name, ...(o.example ?? {}) }])).not.toThrow();
  });
});
