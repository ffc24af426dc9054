import { describe, expect, it } from 'vitest';
import { DIST } from '../api/helpers.js';
import { checkGoldens, loadGoldens } from './golden.js';

const { functional: F } = (await import(DIST.href)) as typeof import('../../src/index.js');

describe('exact pixel ops = torchvision 0.14 (test/goldens/ops/basic/gen.py)', () => {
  const set = loadGoldens('basic');
  it('hflip, vflip, invert, rot90, transpose are byte-identical on real photos (RGB, grey, RGBA)', async () => {
    expect(set.cases.length).toBeGreaterThanOrEqual(35);
    expect(await checkGoldens(set, F as never)).toEqual([]);
  });
});

describe('the golden checker', () => {
  it('rejects a wrong op (hflip answered by vflip) and a one-level error on an exact case', async () => {
    const set = loadGoldens('basic');
    expect((await checkGoldens(set, { ...F, hflip: F.vflip } as never, undefined, (c) => c.fn === 'hflip')).length).toBe(5);
    const offByOne = async (img: import('../../src/types.js').RawImage) => {
      const out = await F.invert(img);
      out.data[0] = out.data[0] === 255 ? 254 : out.data[0]! + 1;
      return out;
    };
    expect((await checkGoldens(set, { ...F, invert: offByOne } as never, undefined, (c) => c.fn === 'invert')).length).toBe(5);
  });
});
