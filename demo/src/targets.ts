/**
 * Targets on the demo page (issue 11): each picture gets a default box, a keypoint and an elliptical
 * mask; the SDK moves them with every variant (`out.targets`) and this module only draws what the SDK
 * returned — boxes as labelled rectangles, keypoints as dots, the mask as a translucent overlay on a
 * canvas laid over the variant. Nothing is moved or recomputed here: formats are converted with the
 * SDK's `convertBoxes` / `convertKeypoints` and nothing else.
 */
import { convertBoxes, convertKeypoints, type BoxFormat, type KeypointFormat, type RawImage, type Targets, type TargetsResult } from './sdk.js';

/** Box stroke colour (exact RGB: the browser test finds the drawn box by it). */
export const BOX_RGB = [0, 255, 0] as const;
/** Mask overlay colour and alpha. */
export const MASK_RGBA = [255, 0, 255, 96] as const;
/** Keypoint dot colour. */
export const POINT_RGB = [255, 32, 32] as const;

/** Defaults for an augmenter made from an albumentations config (`Augmenter.targetDefaults`). */
export interface TargetDefaults {
  boxes?: { format: BoxFormat };
  keypoints?: { format: KeypointFormat };
}

/**
 * The default targets of a picture: a box around its middle (x 25–75 %, y 20–80 %) labelled
 * `object`, a keypoint at its centre labelled `centre`, and a 1-channel mask holding the ellipse
 * inscribed in the box (255 inside); `box` (pascal_voc, drawn by the user) replaces the default box. With `defaults` (an imported albumentations config's
 * bbox_params / keypoint_params) the box and point are given in its formats and without a format
 * field, so the SDK fills format, minVisibility, … from the augmenter's `targetDefaults`.
 */
export function defaultTargets(image: RawImage, defaults?: TargetDefaults, box?: readonly number[]): Targets {
  const { width: w, height: h } = image;
  const voc = box ? [...box] : [Math.round(w * 0.25), Math.round(h * 0.2), Math.round(w * 0.75), Math.round(h * 0.8)];
  const mask = new Uint8Array(w * h);
  const cx = (voc[0]! + voc[2]!) / 2, cy = (voc[1]! + voc[3]!) / 2, rx = (voc[2]! - voc[0]!) / 2, ry = (voc[3]! - voc[1]!) / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = (x + 0.5 - cx) / rx, dy = (y + 0.5 - cy) / ry;
      if (dx * dx + dy * dy <= 1) mask[y * w + x] = 255;
    }
  }
  const point = [cx, cy];
  const boxFormat = defaults?.boxes?.format;
  const pointFormat = defaults?.keypoints?.format;
  return {
    masks: [{ data: mask, width: w, height: h, channels: 1 }],
    boxes: boxFormat
      ? { boxes: convertBoxes([voc], 'pascal_voc', boxFormat, w, h), labels: ['object'] }
      : { format: 'pascal_voc', boxes: [voc], labels: ['object'] },
    keypoints: pointFormat
      ? { points: convertKeypoints([point], 'xy', pointFormat), labels: ['centre'] }
      : { format: 'xy', points: [point], labels: ['centre'] },
  };
}

/** A picture's default targets (pascal_voc, xy) as the drawing takes them: the original's overlay. */
export function asDrawn(image: RawImage, box?: readonly number[]): TargetsResult {
  const t = defaultTargets(image, undefined, box);
  return {
    masks: t.masks as TargetsResult['masks'],
    boxes: { format: 'pascal_voc', boxes: t.boxes!.boxes, labels: t.boxes!.labels, kept: [0] },
    keypoints: { format: 'xy', points: t.keypoints!.points, labels: t.keypoints!.labels, kept: [0], visible: [true] },
  };
}

/** What the overlay draws, in pixels of the output image (recorded on the figure for tests). */
export interface Drawn {
  /** [x_min, y_min, x_max, y_max] per kept box. */
  boxes: number[][];
  labels: string[];
  /** [x, y] per kept, visible point. */
  points: number[][];
  lineWidth: number;
}

/**
 * Draws the SDK's moved targets of one output (`width`×`height`) on a new canvas of that size:
 * the mask overlay first, then the boxes, their labels and the keypoints.
 */
export function drawTargets(t: TargetsResult, width: number, height: number): { canvas: HTMLCanvasElement; drawn: Drawn } {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.className = 'targets';
  const ctx = canvas.getContext('2d')!;
  const mask = t.masks?.[0];
  if (mask && mask.width === width && mask.height === height) {
    const img = ctx.createImageData(width, height);
    const c = mask.channels;
    for (let i = 0, n = width * height; i < n; i++) {
      if (mask.data[i * c]! > 0) img.data.set(MASK_RGBA, i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }
  const lineWidth = Math.max(3, Math.round(Math.max(width, height) / 80));
  const boxes = t.boxes ? convertBoxes(t.boxes.boxes.map((b) => b.slice(0, 4)), t.boxes.format, 'pascal_voc', width, height) : [];
  const labels = boxes.map((_, i) => String(t.boxes?.labels?.[i] ?? ''));
  ctx.lineWidth = lineWidth;
  ctx.strokeStyle = `rgb(${BOX_RGB.join(',')})`;
  for (const [x0, y0, x1, y1] of boxes) ctx.strokeRect(x0!, y0!, x1! - x0!, y1! - y0!);
  const font = Math.max(10, Math.round(Math.max(width, height) / 22));
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  boxes.forEach(([x0, y0], i) => {
    const label = labels[i]!;
    if (!label) return;
    const x = x0! + lineWidth, y = y0! + lineWidth;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(x, y, ctx.measureText(label).width + 4, font + 2);
    ctx.fillStyle = '#000';
    ctx.fillText(label, x + 2, y + 1);
  });
  const points: number[][] = [];
  if (t.keypoints) {
    const xy = convertKeypoints(t.keypoints.points, t.keypoints.format, 'xy');
    ctx.fillStyle = `rgb(${POINT_RGB.join(',')})`;
    xy.forEach(([x, y], i) => {
      if (t.keypoints!.visible[i] === false) return;
      points.push([x!, y!]);
      ctx.beginPath();
      ctx.arc(x!, y!, lineWidth * 1.5, 0, 2 * Math.PI);
      ctx.fill();
    });
  }
  return { canvas, drawn: { boxes, labels, points, lineWidth } };
}

/**
 * Lets the user drag a new box on an original (`wrap` holds its image canvas and overlay, showing an
 * image of `width`×`height`): a preview while dragging, then `done([x_min, y_min, x_max, y_max])` in
 * image pixels (boxes under 4 px a side are ignored, as a click).
 */
export function enableBoxDrawing(wrap: HTMLElement, overlay: HTMLCanvasElement, width: number, height: number, done: (box: number[]) => void): void {
  let start: [number, number] | undefined;
  let snapshot: ImageData | undefined;
  const toImage = (e: PointerEvent): [number, number] => {
    const r = wrap.getBoundingClientRect();
    return [Math.min(width, Math.max(0, ((e.clientX - r.left) / r.width) * width)), Math.min(height, Math.max(0, ((e.clientY - r.top) / r.height) * height))];
  };
  const boxOf = (a: [number, number], b: [number, number]) => [Math.round(Math.min(a[0], b[0])), Math.round(Math.min(a[1], b[1])), Math.round(Math.max(a[0], b[0])), Math.round(Math.max(a[1], b[1]))];
  const ctx = overlay.getContext('2d')!;
  wrap.classList.add('drawable');
  wrap.title = 'drag to draw a new box';
  wrap.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    start = toImage(e);
    snapshot = ctx.getImageData(0, 0, width, height);
    wrap.setPointerCapture(e.pointerId);
  });
  wrap.addEventListener('pointermove', (e) => {
    if (!start || !snapshot) return;
    const [x0, y0, x1, y1] = boxOf(start, toImage(e));
    ctx.putImageData(snapshot, 0, 0);
    ctx.lineWidth = Math.max(3, Math.round(Math.max(width, height) / 80));
    ctx.strokeStyle = '#ffd400';
    ctx.setLineDash([8, 6]);
    ctx.strokeRect(x0!, y0!, x1! - x0!, y1! - y0!);
    ctx.setLineDash([]);
  });
  const end = (e: PointerEvent) => {
    if (!start) return;
    const box = boxOf(start, toImage(e));
    start = undefined;
    if (snapshot) ctx.putImageData(snapshot, 0, 0);
    snapshot = undefined;
    if (box[2]! - box[0]! >= 4 && box[3]! - box[1]! >= 4) done(box);
  };
  wrap.addEventListener('pointerup', end);
  wrap.addEventListener('pointercancel', () => { start = undefined; if (snapshot) ctx.putImageData(snapshot, 0, 0); snapshot = undefined; });
}
