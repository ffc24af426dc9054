/**
 * The executor: fuses a stage list into passes and runs them. Adjacent `color` stages with the same
 * rounding are multiplied into one (one rounding instead of several: documented as a difference from
 * torchvision's op-by-op uint8 rounding, within a level).
 */
import type { Img, Stage, StageContext } from './types.js';
import { stageKernel } from '../stages/index.js';
import { mulColor, type ColorStage } from '../stages/color.js';

/** Merges adjacent stages that compose exactly into one. Pure. */
export function fuseStages(stages: readonly Stage[]): Stage[] {
  const out: Stage[] = [];
  for (const s of stages) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'color' && s.kind === 'color' && (prev as ColorStage).rounding === (s as ColorStage).rounding) {
      out[out.length - 1] = { kind: 'color', m: mulColor((s as ColorStage).m, (prev as ColorStage).m), rounding: (s as ColorStage).rounding } as ColorStage;
      continue;
    }
    out.push(s);
  }
  return out;
}

/** Options of {@link runStages}. */
export interface RunOptions {
  /** Multiply adjacent colour matrices (default true). The functional API runs one op unfused. */
  fuse?: boolean;
}

/**
 * Runs stages over an image. Never writes into `img`'s buffer. Returns a promise only when a stage is
 * asynchronous (codecs); otherwise synchronously.
 */
export function runStages(img: Img, stages: readonly Stage[], ctx: StageContext, o: RunOptions = {}): Img | Promise<Img> {
  const list = o.fuse === false ? stages : fuseStages(stages);
  let cur: Img = img;
  for (let i = 0; i < list.length; i++) {
    const r = stageKernel(list[i]!.kind).run(cur, list[i]!, ctx);
    if (r instanceof Promise) {
      return (async () => {
        let c = await r;
        for (let j = i + 1; j < list.length; j++) c = await stageKernel(list[j]!.kind).run(c, list[j]!, ctx);
        return c === img ? { ...img, data: img.data.slice() } : c;
      })();
    }
    cur = r;
  }
  return cur === img ? { ...img, data: img.data.slice() } : cur;
}
