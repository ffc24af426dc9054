/**
 * Box and keypoint formats: conversion to and from the internal form (boxes: pascal_voc pixels;
 * keypoints: x, y, angle in radians, scale), validation with typed errors, and albumentations'
 * box filter. Semantics follow albumentations `core/bbox_utils.py` (convert_bboxes_to/from_albumentations,
 * check_bboxes, clip_bboxes, filter_bboxes) and `core/keypoints_utils.py` (formats, angle range),
 * read from its source; no code is taken from it.
 */
import { EdgeAugmentError, describeValue } from '../errors.js';
import type { BoxFormat, KeypointFormat } from './types.js';

export const BOX_FORMATS: readonly BoxFormat[] = ['pascal_voc', 'coco', 'yolo', 'albumentations'];
export const KEYPOINT_FORMATS: readonly KeypointFormat[] = ['xy', 'yx', 'xya', 'xys', 'xyas', 'xysa'];

const TWO_PI = 2 * Math.PI;

function bad(where: string, msg: string, details?: Record<string, unknown>): EdgeAugmentError {
  return new EdgeAugmentError('INVALID_ARGUMENT', `${where}: ${msg}`, details ? { details } : undefined);
}

/** A box in `format` → [x_min, y_min, x_max, y_max] in pixels (the 4 coordinates only). */
export function boxToVoc(b: readonly number[], format: BoxFormat, width: number, height: number): [number, number, number, number] {
  const [a, c, d, e] = b as [number, number, number, number];
  switch (format) {
    case 'pascal_voc': return [a, c, d, e];
    case 'coco': return [a, c, a + d, c + e];
    case 'albumentations': return [a * width, c * height, d * width, e * height];
    case 'yolo': return [(a - d / 2) * width, (c - e / 2) * height, (a + d / 2) * width, (c + e / 2) * height];
  }
}

/** [x_min, y_min, x_max, y_max] in pixels → the 4 coordinates of `format`. */
export function vocToBox(v: readonly number[], format: BoxFormat, width: number, height: number): number[] {
  const [x0, y0, x1, y1] = v as [number, number, number, number];
  switch (format) {
    case 'pascal_voc': return [x0, y0, x1, y1];
    case 'coco': return [x0, y0, x1 - x0, y1 - y0];
    case 'albumentations': return [x0 / width, y0 / height, x1 / width, y1 / height];
    case 'yolo': return [(x0 + x1) / 2 / width, (y0 + y1) / 2 / height, (x1 - x0) / width, (y1 - y0) / height];
  }
}

/**
 * Converts boxes between formats for an image of `width` × `height` (extra values after the 4
 * coordinates are kept). Pure; no clipping or filtering.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for an unknown format, a box with fewer than 4 numbers
 *   or a non-finite coordinate, or a bad image size.
 * @example
 * ```ts
 * convertBoxes([[10, 20, 50, 40]], 'pascal_voc', 'yolo', 100, 100); // [[0.3, 0.3, 0.4, 0.2]]
 * convertBoxes([[0.3, 0.3, 0.4, 0.2]], 'yolo', 'coco', 100, 100);    // [[10, 20, 40, 20]]
 * ```
 */
export function convertBoxes(boxes: readonly (readonly number[])[], from: BoxFormat, to: BoxFormat, width: number, height: number): number[][] {
  checkFormat(from, BOX_FORMATS, 'convertBoxes: from');
  checkFormat(to, BOX_FORMATS, 'convertBoxes: to');
  checkSize(width, height, 'convertBoxes');
  if (!Array.isArray(boxes)) throw bad('convertBoxes: boxes', `expected an array of boxes, got ${describeValue(boxes)}.`);
  return boxes.map((b, i) => {
    checkNumbers(b, 4, `convertBoxes: boxes[${i}]`);
    return [...vocToBox(boxToVoc(b, from, width, height), to, width, height), ...b.slice(4)];
  });
}

export function checkFormat<T extends string>(f: unknown, allowed: readonly T[], where: string): asserts f is T {
  if (typeof f !== 'string' || !allowed.includes(f as T)) throw bad(where, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(f)}.`, { field: where });
}

function checkSize(width: number, height: number, where: string): void {
  if (!(Number.isFinite(width) && width > 0 && Number.isFinite(height) && height > 0)) throw bad(where, `width and height must be positive numbers, got ${describeValue(width)} × ${describeValue(height)}.`);
}

/** `v` is an array of at least `n` numbers, the first `n` finite. */
export function checkNumbers(v: unknown, n: number, where: string): asserts v is number[] {
  if (!Array.isArray(v) || v.length < n) throw bad(where, `expected an array of at least ${n} numbers, got ${describeValue(v)}.`, { field: where });
  for (let k = 0; k < n; k++) {
    if (typeof v[k] !== 'number' || !Number.isFinite(v[k])) throw bad(where, `coordinate ${k} is ${describeValue(v[k])}; expected a finite number.`, { field: where });
  }
}

/** Length of a keypoint format's leading values. */
export function keypointLength(f: KeypointFormat): number {
  return f.length;
}

/** Angle into [0, 2π) (albumentations' angle_2pi_range). */
export function wrapAngle(a: number): number {
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}

/** A keypoint in `format` → [x, y, angle (radians), scale] (angle 0 and scale 1 where absent). */
export function keypointToInternal(p: readonly number[], format: KeypointFormat, degrees: boolean): [number, number, number, number] {
  let x = 0, y = 0, a = 0, s = 1;
  for (let k = 0; k < format.length; k++) {
    const v = p[k]!;
    switch (format[k]) {
      case 'x': x = v; break;
      case 'y': y = v; break;
      case 'a': a = degrees ? (v * Math.PI) / 180 : v; break;
      case 's': s = v; break;
    }
  }
  return [x, y, a, s];
}

/** [x, y, angle (radians), scale] → the values of `format` (angle wrapped into [0, 360) or [0, 2π)). */
export function internalToKeypoint(q: readonly number[], format: KeypointFormat, degrees: boolean): number[] {
  const out: number[] = [];
  for (const c of format) {
    if (c === 'x') out.push(q[0]!);
    else if (c === 'y') out.push(q[1]!);
    else if (c === 'a') { const a = wrapAngle(q[2]!); out.push(degrees ? (a * 180) / Math.PI : a); }
    else out.push(q[3]!);
  }
  return out;
}

/**
 * Converts keypoints between formats (extra values after the format's own are kept; a value the target
 * format has and the source lacks is angle 0 or scale 1).
 *
 * @example
 * ```ts
 * convertKeypoints([[10, 20, 90]], 'xya', 'yx'); // [[20, 10]]
 * convertKeypoints([[10, 20]], 'xy', 'xyas');    // [[10, 20, 0, 1]]
 * ```
 */
export function convertKeypoints(points: readonly (readonly number[])[], from: KeypointFormat, to: KeypointFormat, o: { angleInDegrees?: boolean } = {}): number[][] {
  checkFormat(from, KEYPOINT_FORMATS, 'convertKeypoints: from');
  checkFormat(to, KEYPOINT_FORMATS, 'convertKeypoints: to');
  const deg = o.angleInDegrees ?? true;
  if (!Array.isArray(points)) throw bad('convertKeypoints: points', `expected an array of points, got ${describeValue(points)}.`);
  return points.map((p, i) => {
    checkNumbers(p, from.length, `convertKeypoints: points[${i}]`);
    return [...internalToKeypoint(keypointToInternal(p, from, deg), to, deg), ...p.slice(from.length)];
  });
}

/** Albumentations' tolerance in its box filter. */
const EPSILON = 1e-7;

/** Options of {@link filterBox}. */
export interface BoxFilter {
  minArea: number;
  minVisibility: number;
  minWidth: number;
  minHeight: number;
}

/**
 * albumentations `filter_bboxes` for one pixel box on a `width` × `height` image: returns the clipped
 * box, or null when it goes — its unclipped area is under 1 px², its clipped area under `minArea`, the
 * clipped/unclipped area ratio under `minVisibility`, or its clipped width/height under
 * max(minWidth/minHeight, 1) px (each with albumentations' 1e-7 slack on area and visibility).
 */
export function filterBox(v: readonly number[], width: number, height: number, f: BoxFilter): [number, number, number, number] | null {
  const [x0, y0, x1, y1] = v as [number, number, number, number];
  if (![x0, y0, x1, y1].every(Number.isFinite)) return null;
  const area = (x1 - x0) * (y1 - y0);
  const cx0 = Math.min(Math.max(x0, 0), width), cx1 = Math.min(Math.max(x1, 0), width);
  const cy0 = Math.min(Math.max(y0, 0), height), cy1 = Math.min(Math.max(y1, 0), height);
  const cw = cx1 - cx0, ch = cy1 - cy0;
  const carea = cw * ch;
  const keep = area >= 1 && carea >= f.minArea - EPSILON && carea / area >= f.minVisibility - EPSILON && cw >= Math.max(f.minWidth, 1) && ch >= Math.max(f.minHeight, 1);
  return keep ? [cx0, cy0, cx1, cy1] : null;
}
