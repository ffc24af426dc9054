/**
 * README "Bring your pipeline": every ts block between the importers markers runs here, against the
 * built package, as written (its `import … from 'edge-augment'` line becomes the package's bindings); the
 * values its comments state are asserted. docs/IMPORTERS.md is checked in test/importers/docs.test.ts.
 */
// The torchvision example asks for output 'tensor': an app has a tfjs backend registered (as here).
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';
import { loadGoldens } from '../ops/golden.js';

const sdk = (await import(DIST.href)) as typeof import('../../src/index.js');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('<!-- importers:start'), readme.indexOf('<!-- importers:end -->'));
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const open: { close(): Promise<void> }[] = [];
afterAll(async () => { await Promise.all(open.map((a) => a.close())); });

/** Runs one block; returns its top-level consts and what it logged. */
async function run(code: string): Promise<{ vars: Record<string, any>; logs: unknown[][] }> {
  const names = new Set<string>();
  const body = code.replace(/^import \{([^}]*)\} from 'edge-augment';$/m, (_, list: string) => {
    for (const n of list.split(',').map((x) => x.trim()).filter(Boolean)) names.add(n);
    return '';
  });
  const declared = [...body.matchAll(/^const (?:\{([^}]*)\}|(\w+))\s*=/gm)].flatMap((m) => (m[1] ? m[1].split(',').map((x) => x.trim()) : [m[2]!]));
  const logs: unknown[][] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...a: string[]) => (...v: unknown[]) => Promise<Record<string, unknown>>;
  const f = new AsyncFunction('sdk', 'image', 'console', `const { ${[...names].join(', ')} } = sdk;\n${body}\nreturn { ${declared.join(', ')} };`);
  const image = loadGoldens('basic').inputs[0]!;
  const vars = await f(sdk, image, { log: (...a: unknown[]) => logs.push(a) });
  for (const v of Object.values(vars)) if (v && typeof (v as { close?: unknown }).close === 'function') open.push(v as { close(): Promise<void> });
  return { vars, logs };
}

describe('README: Bring your pipeline', () => {
  it('has three examples (torchvision, albumentations, Keras 3)', () => {
    expect(blocks).toHaveLength(3);
  });

  it('torchvision: a float tensor normalised like torchvision, no notes; an unknown transform is named with the nearest op', async () => {
    const { vars, logs } = await run(blocks[0]!);
    expect(vars.aug.importNotes).toEqual([]);
    expect(vars.aug.toJSON()).toMatchObject({ rescale: 1 / 255, normalize: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } });
    expect(vars.tensor.shape).toEqual([1, 224, 224, 3]);
    const data = (await vars.tensor.data()) as Float32Array;
    // The same output as u8 (same seed, item 0): the tensor is (x/255 − mean[c]) / std[c] of it.
    const [u8] = await vars.aug.augment(loadGoldens('basic').inputs[0]!);
    const mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
    let max = 0;
    for (let k = 0; k < data.length; k++) max = Math.max(max, Math.abs(data[k]! - (u8.image.data[k] / 255 - mean[k % 3]!) / std[k % 3]!));
    expect(u8.image.data.length).toBe(data.length);
    expect(max).toBeLessThan(1e-5);
    vars.tensor.dispose();
    expect(logs).toHaveLength(1);
    expect(logs[0]![0]).toBe('INVALID_SPEC');
    expect(String(logs[0]![1])).toMatch(/Unknown torchvision transform 'RandomPhotometricDistort' at \$\[0\]; we have: .*; nearest: colorJitter \+ channelShuffle\./);
  });

  it('albumentations: the pipeline, target defaults and the one note the comments state', async () => {
    const { vars } = await run(blocks[1]!);
    expect(vars.pipeline).toEqual([
      { op: 'crop', size: [32, 32], padIfNeeded: false },
      { op: 'hflip', p: 0.5 },
      { op: 'compose', ops: [{ op: 'brightness', factor: [0.8, 1.2] }, { op: 'imageDataGenerator', channelShiftRange: 51 }], p: 0.2 },
    ]);
    expect(vars.targets).toEqual({ boxes: { format: 'coco', labelFields: ['class_labels'], minArea: 1024, minVisibility: 0.1 } });
    expect(vars.notes).toHaveLength(1);
    expect(vars.notes[0]).toMatch(/^\$\.transform\.transforms\[2\] RandomBrightnessContrast: α·x \+ β·255 → brightness factor α/);
    expect(vars.albuAug.targetDefaults).toEqual(vars.targets);
  });

  it('Keras 3: hflip, the Keras-geometry rotation (±36°, reflect) and rescale 1/255', async () => {
    const { vars } = await run(blocks[2]!);
    expect(vars.kAug.pipeline.map((n: { op: string }) => n.op)).toEqual(['hflip', 'imageDataGenerator']);
    expect(vars.kAug.pipeline[1]).toMatchObject({ rotationRange: 36, fillMode: 'reflect' });
    expect(vars.kAug.toJSON()).toMatchObject({ rescale: 1 / 255 });
  });
});
