/**
 * Masks in the engine (a worker for a pool, else inline — wherever the images run): a mask entry holds
 * explicit params (its image's output params) and the image's channels; it is lowered exactly as the
 * image was (same stages, same fusion), each stage replaced by its kernel's `maskStage` (nearest, fill
 * 0; pixel-only stages dropped), and run unfused — so a mask lands where its image's pixels did.
 */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import type { AppliedOp, Img } from '../ops/core/types.js';
import { runStages } from '../ops/core/execute.js';
import type { OpsWasm } from '../ops/core/wasm.js';
import type { AugmentParams } from '../plan/params.js';
import { outputStages, planTargets, type TargetMode } from './transform.js';

/** A mask entry: one mask, its image's output params, and the image's channels. */
export interface MaskEntry {
  image: RawImage;
  items: { index: number; params?: AppliedOp[] | AugmentParams }[];
  asMask?: { channels: 1 | 3 | 4 };
}

/** Runs mask entries (each item: explicit params). Returns per entry its outputs and their dims. */
export async function runMaskEntries(entries: readonly MaskEntry[], mode: TargetMode, wasm: OpsWasm | undefined): Promise<{ outputs: Uint8Array[]; params: (AppliedOp[] | AugmentParams)[]; width: number; height: number; channels: number; dims: number[] }[]> {
  const out = [];
  for (const e of entries) {
    if (!e.asMask) throw new EdgeAugmentError('INTERNAL', 'A job mixes mask entries with image entries.');
    const info = { width: e.image.width, height: e.image.height, channels: e.asMask.channels };
    const outputs: Uint8Array[] = [];
    const params: (AppliedOp[] | AugmentParams)[] = [];
    const dims: number[] = [];
    for (const it of e.items) {
      if (!it.params) throw new EdgeAugmentError('INTERNAL', 'A mask entry needs its image\'s params.');
      const plan = planTargets(outputStages(it.params, info, mode), info, false);
      const r = runStages(e.image as Img, plan.maskStages, { wasm }, { fuse: false });
      const img = r instanceof Promise ? await r : r;
      outputs.push(img.data);
      params.push(it.params);
      dims.push(img.width, img.height, img.channels);
    }
    out.push({ outputs, params, width: dims[0] ?? e.image.width, height: dims[1] ?? e.image.height, channels: e.image.channels, dims });
  }
  return out;
}
