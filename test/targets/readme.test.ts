/** The README's "Boxes, masks and keypoints" example runs as written (against the built package). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pkg } from '../api/helpers.js';

const m = await pkg();

describe('README: Boxes, masks and keypoints', () => {
  it('the example runs and does what its comments say', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Boxes, masks and keypoints'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    const body = code.replace(/^import .*\n/m, '') + '\nreturn { out, again, aug, yolo: convertBoxes([[40, 30, 120, 90]], "coco", "yolo", image.width, image.height) };';
    const W = 320, H = 240;
    const image = { data: new Uint8Array(W * H * 3).map((_, i) => (i * 7) & 255), width: W, height: H, channels: 3 };
    const mask = { data: new Uint8Array(W * H), width: W, height: H, channels: 1 };
    for (let y = 30; y < 120; y++) mask.data.fill(1, y * W + 40, y * W + 160);
    // eslint-disable-next-line no-new-func
    const run = new Function('createAugmenter', 'convertBoxes', 'image', 'mask', `return (async () => { ${body} })();`);
    const { out, again, aug, yolo } = await run(m.createAugmenter, m.convertBoxes, image, mask);
    expect(out.targets.boxes.format).toBe('coco');
    expect(out.targets.boxes.labels).toEqual(['cat']);
    expect(out.targets.keypoints.format).toBe('xya');
    expect(out.targets.masks[0].width).toBe(224);
    expect(out.targets.masks[0].height).toBe(224);
    expect(again.image).toEqual(out.image);
    expect(again.targets).toEqual(out.targets);
    expect(yolo[0].map((v: number) => +v.toFixed(6))).toEqual([0.3125, 0.3125, 0.375, 0.375]);
    await aug.close();
  });
});
