/**
 * Targets on the calling side: after the images of a call have run (inline or on the pool), each
 * output's params move its boxes and keypoints here (pure float64 geometry, the same on every thread)
 * and its masks go back to the engine as mask entries — one more job, run where the images ran.
 */
import { EdgeAugmentError } from '../errors.js';
import type { RawImage } from '../types.js';
import type { JobEntry, JobEntryResult, OutputParams } from '../engine/engine.js';
import type { AppliedOp, ImageInfo } from '../ops/core/types.js';
import type { AugmentParams } from '../plan/params.js';
import type { TargetsResult } from './types.js';
import { moveTargetsGeometry, outputStages, planTargets, type CheckedTargets, type TargetMode, type TargetPlan } from './transform.js';

/** One source image with targets, and the outputs made from it. */
export interface TargetJob {
  /** The source image's size and channels. */
  info: ImageInfo;
  targets: CheckedTargets;
  outputs: { params: OutputParams; width: number; height: number }[];
}

/**
 * Moves every job's targets with its outputs' params. `run` runs engine entries (the augmenter's own
 * inline engine or pool) and is called once, for all masks.
 *
 * @throws {EdgeAugmentError} `UNSUPPORTED_TARGETS` when an output's stages include one that cannot
 *   move targets (before any mask is run).
 */
export async function moveTargets(jobs: readonly TargetJob[], mode: TargetMode, run: (entries: JobEntry[]) => Promise<JobEntryResult[]>): Promise<TargetsResult[][]> {
  const results: TargetsResult[][] = [];
  const entries: JobEntry[] = [];
  const where: { job: number; mask: number; plane: number; planes: number }[] = [];
  jobs.forEach((job, j) => {
    const needPoints = !!(job.targets.boxes || job.targets.keypoints);
    const rs: TargetsResult[] = job.outputs.map((o) => {
      const plan: TargetPlan = planTargets(outputStages(o.params as AppliedOp[] | AugmentParams, job.info, mode), job.info, needPoints);
      if (plan.out.width !== o.width || plan.out.height !== o.height) {
        throw new EdgeAugmentError('INTERNAL', `targets: the replayed stages make ${plan.out.width}×${plan.out.height}, the output is ${o.width}×${o.height}.`);
      }
      return moveTargetsGeometry(job.targets, plan, job.info);
    });
    results.push(rs);
    job.targets.masks.forEach((m, k) => {
      m.planes.forEach((plane, p) => {
        entries.push({ image: plane, items: job.outputs.map((o, v) => ({ index: v, params: o.params })), asMask: { channels: job.info.channels } });
        where.push({ job: j, mask: k, plane: p, planes: m.planes.length });
      });
    });
  });
  if (entries.length) {
    const done = await run(entries);
    done.forEach((r, e) => {
      const { job, mask, plane, planes } = where[e]!;
      r.outputs.forEach((data, v) => {
        const t = results[job]![v]!;
        const d = r.dims ? r.dims.slice(v * 3, v * 3 + 3) : [r.width, r.height, r.channels];
        const masks = (t.masks ??= []);
        if (planes === 1) {
          masks[mask] = { data: data as Uint8Array, width: d[0]!, height: d[1]!, channels: d[2] as RawImage['channels'] };
          return;
        }
        // Planes of a 2-channel mask: interleaved into one 2-channel image.
        const n = d[0]! * d[1]!;
        masks[mask] ??= { data: new Uint8Array(n * planes), width: d[0]!, height: d[1]!, channels: 2 };
        const out = masks[mask]!.data;
        for (let k = 0; k < n; k++) out[k * planes + plane] = data[k]!;
      });
    });
  }
  return results;
}
