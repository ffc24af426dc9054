/** The fuser: which adjacent stages merge, and that merged stages make the bytes they should. */
import { describe, expect, it } from 'vitest';
import { fuseStages, mul3, runStages } from '../../src/ops/core/execute.js';
import type { Img, Stage } from '../../src/ops/core/types.js';

const warp = (matrix: number[], fill: number[] | null = null, interpolation = 'nearest', w = 9, h = 7): Stage => ({ kind: 'warp', matrix, width: w, height: h, interpolation, fill });
const shift = (dx: number, dy: number) => [1, 0, dx, 0, 1, dy, 0, 0, 1];

function image(w = 9, h = 7, c: 1 | 3 | 4 = 3): Img {
  const data = new Uint8Array(w * h * c);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + 11) & 255;
  return { data, width: w, height: h, channels: c };
}

describe('fuseStages', () => {
  it("'exact' (the default) keeps warps apart; 'all' multiplies adjacent warps with the same interpolation and fill", () => {
    expect(fuseStages([warp(shift(1, 0)), warp(shift(0, 2))])).toHaveLength(2);
    const f = fuseStages([warp(shift(1, 0)), warp(shift(0, 2))], 'all');
    expect(f).toHaveLength(1);
    expect((f[0] as { matrix: number[] }).matrix).toEqual(mul3(shift(1, 0), shift(0, 2)));
    expect(fuseStages([warp(shift(1, 0), [0]), warp(shift(0, 2), [255])], 'all')).toHaveLength(2);
    expect(fuseStages([warp(shift(1, 0), null, 'nearest'), warp(shift(0, 2), null, 'bilinear')], 'all')).toHaveLength(2);
  });
  it('multiplies colour matrices of the same rounding and folds adjacent tables', () => {
    const gain = (g: number): Stage => ({ kind: 'color', m: [g, 0, 0, 0, 0, g, 0, 0, 0, 0, g, 0], rounding: 'round' });
    const c = fuseStages([gain(2), gain(0.25)], 'all');
    expect(fuseStages([gain(2), gain(0.25)])).toHaveLength(2); // 'exact' (default) keeps the two roundings
    expect(c).toHaveLength(1);
    expect((c[0] as { m: number[] }).m[0]).toBeCloseTo(0.5, 12);
    const t1 = Uint8Array.from({ length: 256 }, (_, v) => 255 - v);
    const l = fuseStages([{ kind: 'lut', tables: t1 }, { kind: 'lut', tables: t1 }]);
    expect(l).toHaveLength(1);
    expect(Array.from((l[0] as unknown as { tables: Uint8Array }).tables).every((v, i) => v === i)).toBe(true);
  });
  it('fused integer shifts (nearest, the second inside the first) make the same bytes as running them one by one', async () => {
    const img = image();
    const stages = [warp(shift(-2, 0)), warp(shift(1, 1))];
    const fused = await runStages(img, stages, {}, { fuse: 'all' });
    const oneByOne = await runStages(img, stages, {}, { fuse: false });
    // Pixels whose source stays inside the image after both shifts agree exactly.
    let same = 0;
    for (let y = 0; y < 6; y++) for (let x = 0; x < 9; x++) {
      const sx = x + 1 - 2, sy = y + 1;
      if (sx < 0 || sx >= 9 || x + 1 >= 9 || sy >= 7) continue;
      for (let k = 0; k < 3; k++) expect(fused.data[(y * 9 + x) * 3 + k]).toBe(oneByOne.data[(y * 9 + x) * 3 + k]);
      same++;
    }
    expect(same).toBeGreaterThan(20);
  });
});

describe('run-time fusion: resize + hflip → mirrored resize (fuseForRun)', () => {
  const hflip: Stage = { kind: 'permute', transpose: false, flipX: true, flipY: false };
  const resize = (o: Record<string, unknown>): Stage => ({ kind: 'resize', left: 3, top: 2, boxWidth: 29, boxHeight: 17, width: 40, height: 11, interpolation: 'bilinear', antialias: false, ...o });
  it('merges only a bare hflip right after a resize; target planning (fuseStages) keeps both', async () => {
    const { fuseForRun } = await import('../../src/ops/core/execute.js');
    const f = fuseForRun([resize({}), hflip, { kind: 'lut', tables: [] } as Stage]);
    expect(f.map((s) => s.kind)).toEqual(['resize', 'lut']);
    expect((f[0] as { flipX?: boolean }).flipX).toBe(true);
    expect(fuseForRun([resize({}), { ...hflip, flipY: true } as Stage])).toHaveLength(2);
    expect(fuseForRun([hflip, resize({})])).toHaveLength(2);
    expect(fuseStages([resize({}), hflip])).toHaveLength(2);
  });
  it('makes the bytes of the resize then the flip (TypeScript and conv.wasm paths; every mode, same-size boxes; points)', async () => {
    const { readFileSync } = await import('node:fs');
    const { setWasmPaths } = await import('../../src/runtime/assets.js');
    const { convRunner, useTsStagesOnly } = await import('../../src/ops/stages/conv-wasm.js');
    const { resizeMapPoints } = await import('../../src/ops/stages/resize.js');
    const { permuteMapPoints } = await import('../../src/ops/stages/permute.js');
    setWasmPaths({ 'conv.wasm': await WebAssembly.compile(readFileSync(new URL('../../build/kernels/conv.wasm', import.meta.url))) });
    await convRunner();
    let n = 0;
    for (const c of [1, 3, 4] as const) {
      const img = image(47, 31, c);
      for (const interpolation of ['nearest', 'bilinear', 'bicubic']) for (const antialias of [false, true]) {
        for (const size of [{}, { width: 13, height: 29 }, { boxWidth: 40, boxHeight: 11, width: 40, height: 11 }, { boxWidth: 40, width: 40 }]) {
          const stages = [resize({ interpolation, antialias, ...size }), hflip];
          for (const ts of [true, false]) {
            useTsStagesOnly(ts);
            const a = runStages(img, stages, {}, { fuse: false }) as Img;
            const b = runStages(img, stages, {}) as Img;
            expect([b.width, b.height]).toEqual([a.width, a.height]);
            expect(Buffer.from(b.data).equals(Buffer.from(a.data)), JSON.stringify({ c, interpolation, antialias, size, ts })).toBe(true);
            n++;
          }
          useTsStagesOnly(false);
          const s = stages[0] as Stage & { width: number; height: number };
          const xy = new Float64Array([3, 2, 10.5, 7.25, 32, 19]);
          const want = xy.slice();
          resizeMapPoints(s, want);
          permuteMapPoints(hflip, want, { width: s.width, height: s.height, channels: c });
          resizeMapPoints({ ...s, flipX: true } as Stage, xy);
          expect(Array.from(xy)).toEqual(Array.from(want));
        }
      }
    }
    expect(n).toBe(3 * 3 * 2 * 4 * 2);
  });
});

describe('run-time fusion: consecutive colour steps → one blend stage with `then`', () => {
  const table = (k: number) => Uint8Array.from({ length: 256 }, (_, v) => Math.min(255, Math.trunc(Math.fround(k * v))));
  it('merges runs of grey/greyMean blends and luts that start with such a blend', async () => {
    const { fuseForRun } = await import('../../src/ops/core/execute.js');
    const g: Stage = { kind: 'blend', with: 'grey', ratio: 0.7 };
    const m: Stage = { kind: 'blend', with: 'greyMean', ratio: 1.3 };
    const l: Stage = { kind: 'lut', tables: table(1.2) };
    const blur: Stage = { kind: 'blend', with: 'blurred', ratio: 2 };
    const f = fuseForRun([l, g, m, l, blur, m, g]);
    expect(f.map((s) => s.kind)).toEqual(['lut', 'blend', 'blend', 'blend']);
    expect((f[1] as { then?: Stage[] }).then).toEqual([m, l]);
    expect((f[3] as { then?: Stage[] }).then).toEqual([g]);
    expect(fuseForRun([g, blur])).toHaveLength(2);
  });
  it('makes the bytes of the steps one by one (conv.wasm and TypeScript, 1/3/4 channels, ColorJitter orders, pre tables)', async () => {
    const { readFileSync } = await import('node:fs');
    const { setWasmPaths } = await import('../../src/runtime/assets.js');
    const { convRunner, useTsStagesOnly } = await import('../../src/ops/stages/conv-wasm.js');
    setWasmPaths({ 'conv.wasm': await WebAssembly.compile(readFileSync(new URL('../../build/kernels/conv.wasm', import.meta.url))) });
    await convRunner();
    let s = 12345;
    const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    let n = 0;
    for (const c of [1, 3, 4] as const) {
      for (const [w, h] of [[224, 224], [37, 5], [3, 3]] as const) {
        const img = image(w, h, c);
        for (let k = 0; k < 12; k++) {
          const f = () => 0.6 + r() * 0.8;
          const steps: Stage[] = [
            { kind: 'blend', with: k % 2 ? 'grey' : 'greyMean', ratio: f(), ...(k % 3 === 0 ? { pre: table(f()) } : {}) },
            { kind: 'blend', with: k % 2 ? 'greyMean' : 'grey', ratio: k === 5 ? 0 : f(), ...(k % 4 === 1 ? { pre: table(f()) } : {}) },
            ...(k % 3 === 2 ? [{ kind: 'lut', tables: k % 4 < 2 ? table(f()) : Uint8Array.from([...table(f()), ...table(f()), ...table(f())]).subarray(0, c === 1 ? 256 : 768) } as Stage] : []),
          ];
          for (const ts of [false, true]) {
            useTsStagesOnly(ts);
            const a = runStages(img, steps, {}, { fuse: false }) as Img;
            const b = runStages(img, steps, {}) as Img;
            expect(Buffer.from(b.data).equals(Buffer.from(a.data)), JSON.stringify({ c, w, h, k, ts })).toBe(true);
            n++;
          }
          useTsStagesOnly(false);
        }
      }
    }
    expect(n).toBe(3 * 3 * 12 * 2);
  });
  it('makes the bytes of the steps one by one for every ColorJitter order (brightness folded as the next pre or a lut last; level steps in arithmetic form)', async () => {
    const { readFileSync } = await import('node:fs');
    const { setWasmPaths } = await import('../../src/runtime/assets.js');
    const { convRunner, useTsStagesOnly } = await import('../../src/ops/stages/conv-wasm.js');
    setWasmPaths({ 'conv.wasm': await WebAssembly.compile(readFileSync(new URL('../../build/kernels/conv.wasm', import.meta.url))) });
    await convRunner();
    let s = 777;
    const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const orders = ['bcs', 'bsc', 'cbs', 'csb', 'sbc', 'scb', 'bcsc', 'cbcs', 'ccs', 'cscb'];
    let n = 0;
    for (const c of [3, 4] as const) {
      for (const [w, h] of [[224, 224], [37, 5]] as const) {
        const img = image(w, h, c);
        for (const order of orders) {
          for (let k = 0; k < 4; k++) {
            // k = 3: factors that clamp (bright, strong contrast).
            const f = () => (k === 3 ? 1.3 + r() * 0.8 : 0.6 + r() * 0.8);
            const steps: Stage[] = [];
            let pre: Uint8Array | null = null;
            for (const o of order) {
              if (o === 'b') { pre = table(f()); continue; }
              steps.push({ kind: 'blend', with: o === 'c' ? 'greyMean' : 'grey', ratio: f(), ...(pre ? { pre } : {}) });
              pre = null;
            }
            if (pre) steps.push({ kind: 'lut', tables: pre });
            for (const ts of [false, true]) {
              useTsStagesOnly(ts);
              const a = runStages(img, steps, {}, { fuse: false }) as Img;
              const b = runStages(img, steps, {}) as Img;
              expect(Buffer.from(b.data).equals(Buffer.from(a.data)), JSON.stringify({ c, w, h, order, k, ts })).toBe(true);
              n++;
            }
            useTsStagesOnly(false);
          }
        }
      }
    }
    expect(n).toBe(2 * 2 * orders.length * 4 * 2);
  });
});

describe('run-time fusion: resize (+ hflip) + colour run → one resize stage with `then`', () => {
  const table = (k: number) => Uint8Array.from({ length: 256 }, (_, v) => Math.min(255, Math.trunc(Math.fround(k * v))));
  const hflip: Stage = { kind: 'permute', transpose: false, flipX: true, flipY: false };
  it('hands the colour run to the resize; the bytes are those of the stages one by one (both paths, 1/3/4 channels, every mode)', async () => {
    const { fuseForRun } = await import('../../src/ops/core/execute.js');
    const { readFileSync } = await import('node:fs');
    const { setWasmPaths } = await import('../../src/runtime/assets.js');
    const { convRunner, useTsStagesOnly } = await import('../../src/ops/stages/conv-wasm.js');
    setWasmPaths({ 'conv.wasm': await WebAssembly.compile(readFileSync(new URL('../../build/kernels/conv.wasm', import.meta.url))) });
    await convRunner();
    const colour: Stage[] = [
      { kind: 'blend', with: 'greyMean', ratio: 1.31, pre: table(0.77) },
      { kind: 'blend', with: 'grey', ratio: 0.64 },
      { kind: 'lut', tables: table(1.2) },
    ];
    let n = 0;
    for (const c of [1, 3, 4] as const) {
      const img = image(61, 43, c);
      for (const interpolation of ['nearest', 'bilinear', 'bicubic']) for (const flip of [false, true]) {
        for (const size of [{ width: 40, height: 33 }, { boxWidth: 40, boxHeight: 11, width: 40, height: 11 }]) {
          const resize: Stage = { kind: 'resize', left: 5, top: 3, boxWidth: 29, boxHeight: 17, interpolation, antialias: false, ...size };
          const stages = [resize, ...(flip ? [hflip] : []), ...colour, { kind: 'blend', with: 'grey', ratio: 1.1 } as Stage];
          const f = fuseForRun(stages);
          expect(f.map((s) => s.kind)).toEqual(['resize']);
          expect((f[0] as { then?: Stage[] }).then).toHaveLength(4);
          for (const ts of [false, true]) {
            useTsStagesOnly(ts);
            const a = runStages(img, stages, {}, { fuse: false }) as Img;
            const b = runStages(img, stages, {}) as Img;
            expect([b.width, b.height, b.channels]).toEqual([a.width, a.height, a.channels]);
            expect(Buffer.from(b.data).equals(Buffer.from(a.data)), JSON.stringify({ c, interpolation, flip, size, ts })).toBe(true);
            n++;
          }
          useTsStagesOnly(false);
        }
      }
    }
    expect(n).toBe(3 * 3 * 2 * 2 * 2);
  });
});
