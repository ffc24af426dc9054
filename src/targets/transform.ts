/**
 * Moving targets with an output's params, at the stage level: an output's params lower to the same
 * stages the image ran (fused the same way), each stage kernel says what a mask goes through
 * (`maskStage`) and how points move (`mapPoints`), so every op — and any op added later — moves
 * masks, boxes and keypoints without op-specific code here.
 *
 * Boxes follow albumentations' Compose semantics: after every geometric stage a box becomes the
 * axis-aligned hull of its mapped corners (projective stages) or of points sampled along its edges
 * (remap), then is clipped and filtered (`filter_bboxes`, core/bbox_utils.py) on that stage's output
 * size — so rotations grow boxes to the corner hull, as in albumentations and torchvision v2.
 * Keypoints move by `mapPoints`; angle and scale through the local Jacobian of the stage (angle = the
 * direction of the mapped unit vector, scale × √|det J|); a point outside the stage's output is dropped
 * (or kept, flagged invisible).
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import type { RawImage, RawImageLike } from '../types.js';
import type { AppliedOp, ImageInfo, Stage, StageKernel } from '../ops/core/types.js';
import { planReplay } from '../ops/core/pipeline.js';
import { fuseStages, type FuseMode } from '../ops/core/execute.js';
import { stageKernel, stageOutInfo } from '../ops/stages/index.js';
import { kerasMaskWarp } from '../ops/stages/keras-warp.js';
import type { AugmentParams } from '../plan/params.js';
import { composeMatrix } from '../plan/compose.js';
import { validateImage } from '../engine/validate.js';
import type { BoxFormat, KeypointFormat, Targets, TargetsResult } from './types.js';
import {
  BOX_FORMATS, KEYPOINT_FORMATS, boxToVoc, checkFormat, checkNumbers, filterBox, internalToKeypoint, keypointToInternal, vocToBox, type BoxFilter,
} from './formats.js';

/** How an output's stages are made for targets: the image's fuse mode, and Keras' geometry mode. */
export interface TargetMode {
  fuse: FuseMode;
  kerasCompat: boolean;
}

/**
 * The stages the image of one output ran through, as the engine fuses them: pipelines replay their
 * applied ops; Keras params (spec augmenters) are one Keras warp (geometry only: colour never moves targets).
 */
export function outputStages(params: AppliedOp[] | AugmentParams, info: ImageInfo, mode: TargetMode): Stage[] {
  if (Array.isArray(params)) return fuseStages(planReplay(params, info).stages, mode.fuse);
  const m = composeMatrix({ ...params, channelShiftIntensity: null, brightness: null }, info.width, info.height, mode.kerasCompat);
  return [{ kind: 'kerasWarp', warp: kerasMaskWarp({ matrix: m } as never) }];
}

/** One geometric stage and the size it works on. */
export interface GeoStep {
  stage: Stage;
  kernel: StageKernel;
  in: ImageInfo;
  out: ImageInfo;
}

/** The mask stages and the geometric steps of a stage list on an input of `info`. */
export interface TargetPlan {
  maskStages: Stage[];
  steps: GeoStep[];
  out: ImageInfo;
}

function unsupported(kind: string, what: string): EdgeAugmentError {
  return new EdgeAugmentError('UNSUPPORTED_TARGETS', `Stage kind '${kind}' does not declare how ${what} move (StageKernel.${what === 'masks' ? 'maskStage' : 'mapPoints'}); outputs with targets cannot use it.`, { details: { stage: kind } });
}

/**
 * Walks stages: each kernel's `maskStage` (missing → `UNSUPPORTED_TARGETS`), geometric steps for points.
 * `needPoints`: a geometric stage without `mapPoints` is an error too.
 */
export function planTargets(stages: readonly Stage[], info: ImageInfo, needPoints: boolean): TargetPlan {
  const maskStages: Stage[] = [];
  const steps: GeoStep[] = [];
  let cur = info;
  for (const s of stages) {
    const k = stageKernel(s.kind);
    if (!k.maskStage) throw unsupported(s.kind, 'masks');
    const m = k.maskStage(s, cur);
    const next = stageOutInfo(s, cur);
    if (m !== null) {
      if (!k.mapPoints && needPoints) throw unsupported(s.kind, 'points');
      maskStages.push(m);
      steps.push({ stage: s, kernel: k, in: cur, out: next });
    }
    cur = next;
  }
  return { maskStages, steps, out: cur };
}

/** Targets checked and converted to internal form (pixels of the input image). */
export interface CheckedTargets {
  /** Per mask, the images the engine runs: the mask itself, or (2 channels) its two planes. */
  masks: { planes: RawImage[]; channels: 1 | 2 | 3 | 4 }[];
  boxes?: {
    format: BoxFormat;
    voc: [number, number, number, number][];
    extra: number[][];
    labels?: unknown[];
    filter: BoxFilter;
  };
  keypoints?: {
    format: KeypointFormat;
    pts: [number, number, number, number][];
    extra: number[][];
    labels?: unknown[];
    degrees: boolean;
    removeInvisible: boolean;
  };
}

function bad(where: string, msg: string): EdgeAugmentError {
  return new EdgeAugmentError('INVALID_ARGUMENT', `${where}: ${msg}`, { details: { field: where } });
}

function optNumber(v: unknown, where: string, max = Infinity): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !(v >= 0 && v <= max)) throw bad(where, `expected a number from 0${max < Infinity ? ` to ${max}` : ''}, got ${describeValue(v)}.`);
  return v;
}

function optBool(v: unknown, def: boolean, where: string): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw bad(where, `expected true or false, got ${describeValue(v)}.`);
  return v;
}

function checkLabels(labels: unknown, n: number, where: string): unknown[] | undefined {
  if (labels === undefined) return undefined;
  if (!Array.isArray(labels) || labels.length !== n) throw bad(where, `expected an array of ${n} labels (one per item), got ${describeValue(labels)}.`);
  return labels;
}

const TOL = 1e-7;

/**
 * Validates targets for an image of `info` and converts them to internal form.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` naming the field (unknown format, non-finite or too
 *   few coordinates, x_max ≤ x_min, boxes outside the image with `clip: false`, label count mismatch),
 *   `INVALID_IMAGE` for a bad mask or one whose size differs from the image's.
 */
export function checkTargets(t: unknown, info: ImageInfo, where = 'targets'): CheckedTargets {
  if (t === null || typeof t !== 'object' || Array.isArray(t)) throw bad(where, `expected { masks?, boxes?, keypoints? }, got ${describeValue(t)}.`);
  const r = t as Targets & Record<string, unknown>;
  for (const k of Object.keys(r)) if (k !== 'masks' && k !== 'boxes' && k !== 'keypoints') throw bad(`${where}.${k}`, `unknown target kind; allowed: masks, boxes, keypoints.`);
  const out: CheckedTargets = { masks: [] };
  if (r.masks !== undefined) {
    if (!Array.isArray(r.masks)) throw bad(`${where}.masks`, `expected an array of RawImages, got ${describeValue(r.masks)}.`);
    out.masks = r.masks.map((m, i) => {
      const at = `${where}.masks[${i}]`;
      const two = m !== null && typeof m === 'object' && (m as { channels?: unknown }).channels === 2;
      if (two) {
        const { data, width, height } = m as { data: unknown; width: number; height: number };
        if ((data instanceof Uint8Array || data instanceof Uint8ClampedArray) && data.length !== width * height * 2) {
          throw new EdgeAugmentError('INVALID_IMAGE', `${at}.data has ${data.length} bytes; ${width}×${height}×2 needs ${width * height * 2}.`, { details: { field: at } });
        }
      }
      // A 2-channel mask (e.g. two label planes) runs as two 1-channel planes, interleaved again after.
      const img = validateImage(two ? { ...(m as RawImage), channels: 1, width: (m as RawImage).width * 2 } : (m as RawImageLike), at);
      const width = two ? img.width / 2 : img.width;
      if (width !== info.width || img.height !== info.height) {
        throw new EdgeAugmentError('INVALID_IMAGE', `${at} is ${width}×${img.height}; masks must have the image's size, ${info.width}×${info.height}.`, { details: { field: at } });
      }
      if (!two) return { planes: [img], channels: img.channels };
      const n = info.width * info.height;
      const planes = [0, 1].map((c) => {
        const d = new Uint8Array(n);
        for (let k = 0; k < n; k++) d[k] = img.data[k * 2 + c]!;
        return { data: d, width: info.width, height: info.height, channels: 1 as const };
      });
      return { planes, channels: 2 as const };
    });
  }
  if (r.boxes !== undefined) {
    const b = r.boxes;
    const at = `${where}.boxes`;
    if (b === null || typeof b !== 'object') throw bad(at, `expected { format, boxes, … }, got ${describeValue(b)}.`);
    const fmt = b.format;
    checkFormat(fmt, BOX_FORMATS, `${at}.format`);
    if (!Array.isArray(b.boxes)) throw bad(`${at}.boxes`, `expected an array of boxes, got ${describeValue(b.boxes)}.`);
    const clip = optBool(b.clip, true, `${at}.clip`);
    const filter: BoxFilter = {
      minArea: optNumber(b.minArea, `${at}.minArea`),
      minVisibility: optNumber(b.minVisibility, `${at}.minVisibility`, 1),
      minWidth: optNumber(b.minWidth, `${at}.minWidth`),
      minHeight: optNumber(b.minHeight, `${at}.minHeight`),
    };
    const voc: [number, number, number, number][] = [];
    const extra: number[][] = [];
    b.boxes.forEach((box, i) => {
      const w = `${at}.boxes[${i}]`;
      checkNumbers(box, 4, w);
      let v = boxToVoc(box, fmt, info.width, info.height);
      if (!(v[2] > v[0])) throw bad(w, `x_max (${v[2]}) must be greater than x_min (${v[0]}) (format '${fmt}').`);
      if (!(v[3] > v[1])) throw bad(w, `y_max (${v[3]}) must be greater than y_min (${v[1]}) (format '${fmt}').`);
      const outside = v[0] < -TOL * info.width || v[1] < -TOL * info.height || v[2] > info.width * (1 + TOL) || v[3] > info.height * (1 + TOL);
      if (outside && !clip) throw bad(w, `the box [${v.join(', ')}] (pixels) leaves the ${info.width}×${info.height} image; pass clip: true to clip input boxes.`);
      if (clip) v = [Math.max(v[0], 0), Math.max(v[1], 0), Math.min(v[2], info.width), Math.min(v[3], info.height)];
      voc.push(v);
      extra.push(box.slice(4));
    });
    out.boxes = { format: fmt, voc, extra, labels: checkLabels(b.labels, b.boxes.length, `${at}.labels`), filter };
  }
  if (r.keypoints !== undefined) {
    const k = r.keypoints;
    const at = `${where}.keypoints`;
    if (k === null || typeof k !== 'object') throw bad(at, `expected { points, format?, … }, got ${describeValue(k)}.`);
    const format = k.format ?? 'xy';
    checkFormat(format, KEYPOINT_FORMATS, `${at}.format`);
    if (!Array.isArray(k.points)) throw bad(`${at}.points`, `expected an array of points, got ${describeValue(k.points)}.`);
    const degrees = optBool(k.angleInDegrees, true, `${at}.angleInDegrees`);
    const pts: [number, number, number, number][] = [];
    const extra: number[][] = [];
    k.points.forEach((p, i) => {
      checkNumbers(p, format.length, `${at}.points[${i}]`);
      const q = keypointToInternal(p, format, degrees);
      if (!(q[3] > 0) && format.includes('s')) throw bad(`${at}.points[${i}]`, `scale must be positive, got ${q[3]}.`);
      pts.push(q);
      extra.push(p.slice(format.length));
    });
    out.keypoints = { format, pts, extra, labels: checkLabels(k.labels, k.points.length, `${at}.labels`), degrees, removeInvisible: optBool(k.removeInvisible, true, `${at}.removeInvisible`) };
  }
  return out;
}

/** Points sampled along a box's edges for non-projective stages: every pixel of the edge, 4–256 per edge. */
function edgePoints(v: readonly number[]): Float64Array {
  const [x0, y0, x1, y1] = v as [number, number, number, number];
  const n = Math.min(256, Math.max(4, Math.ceil(Math.max(x1 - x0, y1 - y0))));
  const xy = new Float64Array(n * 8);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const t = i / n;
    xy[j++] = x0 + (x1 - x0) * t; xy[j++] = y0;
    xy[j++] = x1; xy[j++] = y0 + (y1 - y0) * t;
    xy[j++] = x1 - (x1 - x0) * t; xy[j++] = y1;
    xy[j++] = x0; xy[j++] = y1 - (y1 - y0) * t;
  }
  return xy;
}

/** Moves boxes (pixel voc) through the steps; returns the kept boxes and their input indices. */
export function moveBoxes(voc: readonly (readonly number[])[], steps: readonly GeoStep[], info: ImageInfo, f: BoxFilter): { voc: number[][]; kept: number[] } {
  let cur: { v: number[]; i: number }[] = voc.map((v, i) => ({ v: [...v], i }));
  const keep = (list: { v: number[]; i: number }[], at: ImageInfo) => {
    const out: { v: number[]; i: number }[] = [];
    for (const b of list) {
      const c = filterBox(b.v, at.width, at.height, f);
      if (c) out.push({ v: c, i: b.i });
    }
    return out;
  };
  for (const s of steps) {
    const next: { v: number[]; i: number }[] = [];
    for (const b of cur) {
      const [x0, y0, x1, y1] = b.v as [number, number, number, number];
      const xy = s.kernel.projective ? Float64Array.of(x0, y0, x1, y0, x1, y1, x0, y1) : edgePoints(b.v);
      s.kernel.mapPoints!(s.stage, xy, s.in);
      let ax = Infinity, ay = Infinity, bx = -Infinity, by = -Infinity;
      for (let k = 0; k < xy.length; k += 2) {
        const x = xy[k]!, y = xy[k + 1]!;
        // A corner with no image (behind a perspective horizon) makes the box undefined: NaN, dropped.
        if (!Number.isFinite(x) || !Number.isFinite(y)) { ax = NaN; break; }
        if (x < ax) ax = x; if (x > bx) bx = x;
        if (y < ay) ay = y; if (y > by) by = y;
      }
      next.push({ v: [ax, ay, bx, by], i: b.i });
    }
    cur = keep(next, s.out);
  }
  cur = keep(cur, steps.length ? steps[steps.length - 1]!.out : info);
  return { voc: cur.map((b) => b.v), kept: cur.map((b) => b.i) };
}

/** Moves keypoints [x, y, angle, scale] through the steps. */
export function moveKeypoints(pts: readonly (readonly number[])[], steps: readonly GeoStep[], info: ImageInfo, removeInvisible: boolean): { pts: number[][]; kept: number[]; visible: boolean[] } {
  const inside = (x: number, y: number, at: ImageInfo) => x >= 0 && x < at.width && y >= 0 && y < at.height;
  let cur = pts.map((p, i) => ({ p: [...p], i, vis: inside(p[0]!, p[1]!, info) }));
  if (removeInvisible) cur = cur.filter((c) => c.vis);
  const EPS = 1e-3;
  for (const s of steps) {
    if (!cur.length) break;
    // Per point: p, p + ε·x̂, p + ε·ŷ → position and Jacobian.
    const xy = new Float64Array(cur.length * 6);
    cur.forEach((c, k) => {
      const [x, y] = c.p as [number, number];
      xy.set([x, y, x + EPS, y, x, y + EPS], k * 6);
    });
    s.kernel.mapPoints!(s.stage, xy, s.in);
    cur.forEach((c, k) => {
      const o = k * 6;
      const x = xy[o]!, y = xy[o + 1]!;
      const j00 = (xy[o + 2]! - x) / EPS, j10 = (xy[o + 3]! - y) / EPS;
      const j01 = (xy[o + 4]! - x) / EPS, j11 = (xy[o + 5]! - y) / EPS;
      const a = c.p[2]!;
      const dx = j00 * Math.cos(a) + j01 * Math.sin(a), dy = j10 * Math.cos(a) + j11 * Math.sin(a);
      c.p[0] = x;
      c.p[1] = y;
      c.p[2] = Math.atan2(dy, dx);
      c.p[3] = c.p[3]! * Math.sqrt(Math.abs(j00 * j11 - j01 * j10));
      if (!(Number.isFinite(x) && Number.isFinite(y) && inside(x, y, s.out))) c.vis = false;
    });
    if (removeInvisible) cur = cur.filter((c) => c.vis);
  }
  return { pts: cur.map((c) => c.p), kept: cur.map((c) => c.i), visible: cur.map((c) => c.vis) };
}

/** Boxes and keypoints of one output (masks are run by the engine; see `maskStages`). */
export function moveTargetsGeometry(t: CheckedTargets, plan: TargetPlan, info: ImageInfo): Omit<TargetsResult, 'masks'> {
  const out: Omit<TargetsResult, 'masks'> = {};
  const o = plan.out;
  if (t.boxes) {
    const b = t.boxes;
    const r = moveBoxes(b.voc, plan.steps, info, b.filter);
    out.boxes = {
      format: b.format,
      boxes: r.voc.map((v, k) => [...vocToBox(v, b.format, o.width, o.height), ...b.extra[r.kept[k]!]!]),
      ...(b.labels ? { labels: r.kept.map((i) => b.labels![i]) } : {}),
      kept: r.kept,
    };
  }
  if (t.keypoints) {
    const k = t.keypoints;
    const r = moveKeypoints(k.pts, plan.steps, info, k.removeInvisible);
    out.keypoints = {
      format: k.format,
      points: r.pts.map((p, j) => [...internalToKeypoint(p, k.format, k.degrees), ...k.extra[r.kept[j]!]!]),
      ...(k.labels ? { labels: r.kept.map((i) => k.labels![i]) } : {}),
      kept: r.kept,
      visible: r.visible,
    };
  }
  return out;
}
