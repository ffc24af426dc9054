/**
 * `socialFrame`: screenshot/social-post framing — a border of `borderColor` around the image plus a bar
 * above and below it (`barColor`; heights as fractions of the image height), like a post or a phone
 * screenshot with its status and action bars. AugLy's overlay_onto_screenshot pastes into bundled
 * screenshot templates we do not ship; this op keeps its effect on a classifier (the image shrinks into
 * a frame of flat UI colour) with parameters of its own. Border = ⌊border·min(W, H)⌋, bars
 * ⌊topBar·H⌋ and ⌊bottomBar·H⌋. Lowered to a `crop` stage (constant padding) and an `erase` stage (the
 * bars) — geometric and fill stage kinds. Grey: Pillow luma of the colours; RGBA: opaque frame. Exact
 * vs the same drawing in Pillow.
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'socialFrame', border: [0, 0.05], topBar: [0.05, 0.15], bottomBar: [0.1, 0.2] }] });
 * ```
 */
import type { OpDef } from '../core/types.js';
import { padStages } from '../pad/index.js';
import { fillFor } from '../pad-aspect-ratio/index.js';
import type { EraseStage } from '../stages/erase.js';

interface Config { border: readonly [number, number]; topBar: readonly [number, number]; bottomBar: readonly [number, number]; borderColor: readonly number[]; barColor: readonly number[] }
interface Params { border: number; topBar: number; bottomBar: number; borderColor: readonly number[]; barColor: readonly number[] }


export const op: OpDef<Config, Params> = {
  name: 'socialFrame',
  summary: 'Frame as a screenshot/social post: a border and top/bottom bars of flat colour.',
  reference: 'AugLy overlay_onto_screenshot (effect; own parameters); Pillow Image.new + paste + rectangle for the check',
  example: { border: 0.03, topBar: 0.1, bottomBar: 0.15 },
  config: {
    border: { type: 'range', min: 0, max: 1, default: [0.02, 0.02], scalar: (x: number): [number, number] => [x, x], doc: 'border width as a fraction of min(W, H), uniform in [lo, hi]' },
    topBar: { type: 'range', min: 0, max: 1, default: [0.08, 0.08], scalar: (x: number): [number, number] => [x, x], doc: 'top bar height as a fraction of H, uniform in [lo, hi]' },
    bottomBar: { type: 'range', min: 0, max: 1, default: [0.12, 0.12], scalar: (x: number): [number, number] => [x, x], doc: 'bottom bar height as a fraction of H, uniform in [lo, hi]' },
    borderColor: { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [255, 255, 255], doc: 'border colour [r, g, b]' },
    barColor: { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [36, 37, 38], doc: 'bar colour [r, g, b]' },
  },
  params: {
    border: { type: 'number', min: 0, max: 1, doc: 'border fraction' },
    topBar: { type: 'number', min: 0, max: 1, doc: 'top bar fraction' },
    bottomBar: { type: 'number', min: 0, max: 1, doc: 'bottom bar fraction' },
    borderColor: { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [255, 255, 255], doc: 'border colour' },
    barColor: { type: 'numbers', minLength: 3, maxLength: 3, integer: true, min: 0, max: 255, default: [36, 37, 38], doc: 'bar colour' },
  },
  sample: (c, rng) => ({
    border: rng.uniform(c.border[0], c.border[1]),
    topBar: rng.uniform(c.topBar[0], c.topBar[1]),
    bottomBar: rng.uniform(c.bottomBar[0], c.bottomBar[1]),
    borderColor: c.borderColor,
    barColor: c.barColor,
  }),
  lower(p, info) {
    const b = Math.trunc(p.border * Math.min(info.width, info.height));
    const tb = Math.trunc(p.topBar * info.height), bb = Math.trunc(p.bottomBar * info.height);
    const stages = padStages(info, [b, b + tb, b, b + bb], 'constant', fillFor(p.borderColor, info));
    const W = info.width + 2 * b, H = info.height + 2 * b + tb + bb;
    const rects: number[] = [];
    if (tb > 0) rects.push(0, 0, W, tb);
    if (bb > 0) rects.push(0, H - bb, W, bb);
    if (rects.length) stages.push({ kind: 'erase', rects, fill: fillFor(p.barColor, info) } as EraseStage);
    return stages;
  },
};
