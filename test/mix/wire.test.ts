/** Batch mixing on the wire: a partner's source image rides as one more source of the task, sent once. */
import { describe, expect, it } from 'vitest';
import { decodeTask, encodeTask } from '../../src/runtime/wire.js';
import type { JobEntry } from '../../src/engine/engine.js';
import type { RawImage } from '../../src/types.js';

function img(w: number, h: number, fill: number): RawImage {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 5 + fill) & 255;
  return { data, width: w, height: h, channels: 3 };
}

describe('wire: mix partners', () => {
  it("partners in the task reuse its sources; a partner from another task is added once; replay items don't clone pixels", () => {
    const a = img(4, 3, 1), b = img(4, 3, 2), outside = img(4, 3, 3);
    const entries: JobEntry[] = [
      { image: a, items: [{ index: 4, partner: { image: outside, index: 3, source: 1 } }, { index: 5, partner: { image: a, index: 4, source: 2 } }] },
      { image: b, items: [{ index: 6, partner: { image: a, index: 5, source: 2 } }] },
      { image: b, items: [{ index: 9, params: [], partner: { image: outside, index: 3, source: 1 } }] },
    ];
    const { task } = encodeTask(entries, 'raw', (n) => new ArrayBuffer(n));
    expect(task.pixels.byteLength).toBe(3 * a.data.length); // a, b, outside: each once
    expect(task.sources.length / 5).toBe(3);
    expect(JSON.stringify(task.items)).not.toContain('partner');
    const back = decodeTask(task);
    const p = back.flatMap((e) => e.items.map((it) => it.partner!));
    expect(p.map((x) => [x.index, x.source])).toEqual([[3, 1], [4, 2], [5, 2], [3, 1]]);
    // The same decoded image object as the entry that has it (the engine caches prefix outputs by it).
    expect(p[1]!.image).toBe(back[0]!.image);
    expect(p[0]!.image).toBe(p[3]!.image);
    expect(Array.from(p[0]!.image.data)).toEqual(Array.from(outside.data));
    expect(back[2]!.items[0]!.params).toEqual([]);
  });

  it('tasks without partners carry no partners field', () => {
    const { task } = encodeTask([{ image: img(2, 2, 0), items: [{ index: 0 }] }], 'raw', (n) => new ArrayBuffer(n));
    expect(task.partners).toBeUndefined();
  });
});
