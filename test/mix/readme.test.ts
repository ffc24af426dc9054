/** README "MixUp and CutMix": the example between <!-- mix-example:start/end --> runs as written (against the built package). */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';
import { loadGoldens } from '../ops/golden.js';

const sdk = await pkg();
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README: MixUp and CutMix', () => {
  it('the example runs: labels sum to 1 and every replay prints true', async () => {
    const block = readme.slice(readme.indexOf('<!-- mix-example:start -->'), readme.indexOf('<!-- mix-example:end -->'));
    const code = block.slice(block.indexOf('```ts\n') + 6, block.lastIndexOf('```'));
    const imports = /^import \{([^}]+)\} from 'edge-augment';\n/m.exec(code);
    expect(imports).not.toBeNull();
    const names = imports![1]!.split(',').map((s) => s.trim());
    for (const n of names) expect(sdk, n).toHaveProperty(n);
    // TypeScript as written in the README, types stripped by the compiler.
    const body = ts.transpileModule(code.replace(imports![0], ''), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const lines: unknown[][] = [];
    const fakeConsole = { log: (...a: unknown[]) => lines.push(a) };
    const images = loadGoldens('basic').inputs.filter((p) => p.channels === 3);
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...a: string[]) => (...x: unknown[]) => Promise<void>;
    await new AsyncFunction('console', 'images', ...names, body)(fakeConsole, images, ...names.map((n) => (sdk as Record<string, unknown>)[n]));
    expect(lines).toHaveLength(6);
    for (let k = 0; k < 6; k += 2) {
      const [op, lambda, label] = lines[k] as [string, number, number[]];
      expect(['mixUp', 'cutMix']).toContain(op);
      expect(lambda).toBeGreaterThanOrEqual(0);
      expect(Math.abs(label.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      expect(lines[k + 1]).toEqual([true]);
    }
  });
});
