/**
 * `overlayImage`: AugLy `overlay_image` — paste a logo/watermark onto the image. The overlay is resized
 * to height ⌊H·overlaySize⌋ (at least 1) keeping its aspect (width ⌊w·newH/h⌋, at least 1) with
 * Pillow's bicubic resize (premultiplied for RGBA), masked by ⌊alpha·opacity⌋ and pasted with its
 * top-left corner at (⌊W·xPos⌋, ⌊H·yPos⌋), clipped to the image; Pillow's paste arithmetic on every band
 * (see the `overlayImage` stage). `overlay`: a bundled mark (`ring`, `badge`, `checker`) or your own
 * RGBA/RGB/grey image as `{ data: number[] | base64, width, height, channels }` — copied into every
 * output's params, so keep it small. Differences: AugLy converts RGBA/grey inputs to RGBA and back —
 * the same bytes; a size that rounds to 0 is 1 here (Pillow raises).
 *
 * @example
 * ```ts
 * createAugmenter({ pipeline: [{ op: 'overlayImage', overlay: 'ring', overlaySize: 0.3, opacity: [0.4, 1], xPos: [0, 0.7], yPos: [0, 0.7] }] });
 * ```
 */
import { EdgeAugmentError } from '../../errors.js';
import type { OpDef } from '../core/types.js';
import type { OverlayImageStage } from '../stages/paste.js';
import { overlayFromArg, type OverlayArg } from './image-arg.js';

interface Config { overlay: OverlayArg; opacity: readonly [number, number]; overlaySize: readonly [number, number]; xPos: readonly [number, number]; yPos: readonly [number, number] }
interface Params { overlay: OverlayArg; opacity: number; overlaySize: number; xPos: number; yPos: number }


export const op: OpDef<Config, Params> = {
  name: 'overlayImage',
  summary: 'Paste a logo/watermark (bundled mark or your RGBA image) at a position, size and opacity (AugLy overlay_image).',
  reference: 'AugLy augly/image/functional.py overlay_image (Pillow 9 resize + paste)',
  example: { overlay: 'ring', overlaySize: 0.4, opacity: 0.8, xPos: 0.3, yPos: 0.3 },
  config: {
    overlay: { type: 'json', default: 'ring', doc: "a bundled mark ('ring', 'badge', 'checker') or { data: number[] | base64, width, height, channels }" },
    opacity: { type: 'range', min: 0, max: 1, default: [1, 1], scalar: (x: number): [number, number] => [x, x], doc: 'opacity of the overlay, 0..1 (uniform in [lo, hi])' },
    overlaySize: { type: 'range', min: 0, max: 1, default: [1, 1], scalar: (x: number): [number, number] => [x, x], doc: 'overlay height as a fraction of the image height (uniform in [lo, hi])' },
    xPos: { type: 'range', min: 0, max: 1, default: [0.4, 0.4], scalar: (x: number): [number, number] => [x, x], doc: 'left edge as a fraction of the image width (uniform in [lo, hi])' },
    yPos: { type: 'range', min: 0, max: 1, default: [0.4, 0.4], scalar: (x: number): [number, number] => [x, x], doc: 'top edge as a fraction of the image height (uniform in [lo, hi])' },
  },
  params: {
    overlay: { type: 'json', doc: 'the overlay: a mark name or an image { data, width, height, channels }' },
    opacity: { type: 'number', min: 0, max: 1, doc: 'opacity' },
    overlaySize: { type: 'number', min: 0, max: 1, doc: 'overlay height / image height' },
    xPos: { type: 'number', min: 0, max: 1, doc: 'left edge / image width' },
    yPos: { type: 'number', min: 0, max: 1, doc: 'top edge / image height' },
  },
  check(c) {
    overlayFromArg(c.overlay, 'overlayImage.overlay');
  },
  sample: (c, rng) => ({
    overlay: c.overlay,
    opacity: rng.uniform(c.opacity[0], c.opacity[1]),
    overlaySize: rng.uniform(c.overlaySize[0], c.overlaySize[1]),
    xPos: rng.uniform(c.xPos[0], c.xPos[1]),
    yPos: rng.uniform(c.yPos[0], c.yPos[1]),
  }),
  lower(p, info) {
    const ov = overlayFromArg(p.overlay, 'overlayImage.overlay', 'INVALID_PARAMS');
    const h = Math.max(1, Math.trunc(info.height * p.overlaySize));
    const w = Math.max(1, Math.trunc((ov.width * h) / ov.height));
    if (w > 1 << 15) throw new EdgeAugmentError('INVALID_PARAMS', `overlayImage: the overlay would be ${w} px wide.`, { details: { field: 'overlaySize' } });
    return [{ kind: 'overlayImage', overlay: ov, overlayWidth: w, overlayHeight: h, x: Math.trunc(info.width * p.xPos), y: Math.trunc(info.height * p.yPos), opacity: p.opacity } as OverlayImageStage];
  },
};
