/**
 * Small canvas plots for the drift panel: overlaid histograms (reference vs current) and a line
 * chart for streaming values, both with labelled, ticked axes. Drawn at device-pixel resolution.
 */

/** Colours of the two data sets, shared by plots, legends and the table. */
export const COLORS = { reference: '#2f6fba', current: '#d9622b', threshold: '#7a7a7a', text: '#222', grid: '#e3e3e3' } as const;

const FONT = '11px system-ui, sans-serif';

interface Frame {
  ctx: CanvasRenderingContext2D;
  /** Plot area in CSS pixels. */
  x0: number; y0: number; x1: number; y1: number;
}

/** Sizes the canvas backing store to its CSS box × devicePixelRatio and returns a 2D context in CSS pixels. */
function setup(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  return ctx;
}

/** "Nice" tick values covering [lo, hi] (1, 2, 5 × 10^k steps). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Short tick label. */
export function fmtTick(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0);
  if (a >= 100) return v.toFixed(0);
  return String(Number(v.toPrecision(3)));
}

function axes(ctx: CanvasRenderingContext2D, w: number, h: number, o: {
  title: string; xLabel: string; yLabel: string; xTicks: number[]; yTicks: number[];
  sx: (v: number) => number; sy: (v: number) => number; yTickLabel?: (v: number) => string;
}, pad: { l: number; r: number; t: number; b: number }): Frame {
  const f: Frame = { ctx, x0: pad.l, y0: pad.t, x1: w - pad.r, y1: h - pad.b };
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = `600 ${FONT}`;
  ctx.fillText(o.title, f.x0, 3);
  ctx.font = FONT;
  ctx.strokeStyle = COLORS.grid;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of o.yTicks) {
    const y = Math.round(o.sy(t)) + 0.5;
    ctx.beginPath(); ctx.moveTo(f.x0, y); ctx.lineTo(f.x1, y); ctx.stroke();
    ctx.fillText((o.yTickLabel ?? fmtTick)(t), f.x0 - 4, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of o.xTicks) {
    const x = Math.round(o.sx(t)) + 0.5;
    ctx.strokeStyle = COLORS.text;
    ctx.beginPath(); ctx.moveTo(x, f.y1); ctx.lineTo(x, f.y1 + 3); ctx.stroke();
    ctx.fillText(fmtTick(t), x, f.y1 + 5);
  }
  ctx.strokeStyle = COLORS.text;
  ctx.beginPath(); ctx.moveTo(f.x0 + 0.5, f.y0); ctx.lineTo(f.x0 + 0.5, f.y1 + 0.5); ctx.lineTo(f.x1, f.y1 + 0.5); ctx.stroke();
  ctx.fillText(o.xLabel, (f.x0 + f.x1) / 2, h - 13);
  ctx.save();
  ctx.translate(10, (f.y0 + f.y1) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(o.yLabel, 0, 0);
  ctx.restore();
  return f;
}

function legend(ctx: CanvasRenderingContext2D, x: number, y: number, items: { label: string; color: string }[]): void {
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = FONT;
  for (const it of items.slice().reverse()) {
    const wText = ctx.measureText(it.label).width;
    x -= wText;
    ctx.fillStyle = COLORS.text;
    ctx.fillText(it.label, x, y);
    x -= 14;
    ctx.fillStyle = it.color;
    ctx.fillRect(x, y - 5, 10, 10);
    x -= 10;
  }
}

/** Options of {@link drawHistogramOverlay}. */
export interface HistogramPlot {
  title: string;
  xLabel: string;
  /** Bin edges (length = bins + 1). */
  edges: readonly number[];
  /** Counts per bin of each set; drawn as shares so sets of different sizes compare. */
  reference: readonly number[];
  current: readonly number[];
}

/** Draws reference and current histograms over each other (as shares of their totals). */
export function drawHistogramOverlay(canvas: HTMLCanvasElement, p: HistogramPlot, width = 300, height = 180): void {
  const ctx = setup(canvas, width, height);
  const share = (c: readonly number[]) => { const n = c.reduce((a, b) => a + b, 0) || 1; return c.map((v) => v / n); };
  const ref = share(p.reference), cur = share(p.current);
  const lo = p.edges[0], hi = p.edges[p.edges.length - 1];
  const top = Math.max(0.05, ...ref, ...cur) * 1.08;
  const pad = { l: 50, r: 10, t: 32, b: 32 };
  const sx = (v: number) => pad.l + ((v - lo) / (hi - lo || 1)) * (width - pad.l - pad.r);
  const sy = (v: number) => height - pad.b - (v / top) * (height - pad.t - pad.b);
  axes(ctx, width, height, {
    title: p.title, xLabel: p.xLabel, yLabel: 'share', xTicks: niceTicks(lo, hi, 4), yTicks: niceTicks(0, top, 3),
    sx, sy, yTickLabel: (v) => `${Math.round(v * 100)}%`,
  }, pad);
  const bars = (vals: number[], color: string) => {
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.45;
    for (let i = 0; i < vals.length; i++) {
      if (vals[i] === 0) continue;
      const xa = sx(p.edges[i]), xb = sx(p.edges[i + 1]);
      ctx.fillRect(xa, sy(vals[i]), Math.max(1, xb - xa - 1), sy(0) - sy(vals[i]));
    }
    ctx.globalAlpha = 1;
  };
  bars(ref, COLORS.reference);
  bars(cur, COLORS.current);
  legend(ctx, width - pad.r, 23, [{ label: 'reference', color: COLORS.reference }, { label: 'current', color: COLORS.current }]);
}

/** One line of {@link drawLineChart}. */
export interface Series {
  label: string;
  color: string;
  points: readonly (readonly [number, number])[];
}

/** Options of {@link drawLineChart}. */
export interface LinePlot {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Fixed y range (default: the data's). */
  yRange?: readonly [number, number];
  /** Minimum x range end (so a chart that starts empty has a stable axis). */
  xMax?: number;
  /** Dashed horizontal reference lines. */
  rules?: readonly { y: number; label: string }[];
}

/** Draws a line chart with markers. */
export function drawLineChart(canvas: HTMLCanvasElement, p: LinePlot, width = 760, height = 230): void {
  const ctx = setup(canvas, width, height);
  const xs = p.series.flatMap((s) => s.points.map((q) => q[0]));
  const ys = p.series.flatMap((s) => s.points.map((q) => q[1])).concat((p.rules ?? []).map((r) => r.y));
  const xMax = Math.max(p.xMax ?? 1, ...xs);
  const [yLo, yHi] = p.yRange ?? [Math.min(0, ...ys), Math.max(1e-9, ...ys) * 1.05];
  const pad = { l: 52, r: 10, t: 34, b: 32 };
  const sx = (v: number) => pad.l + ((v - 1) / Math.max(1, xMax - 1)) * (width - pad.l - pad.r);
  const sy = (v: number) => height - pad.b - ((v - yLo) / (yHi - yLo || 1)) * (height - pad.t - pad.b);
  axes(ctx, width, height, {
    title: p.title, xLabel: p.xLabel, yLabel: p.yLabel, xTicks: niceTicks(1, xMax, 8).filter((t) => t >= 1 && Number.isInteger(t)),
    yTicks: niceTicks(yLo, yHi, 4), sx, sy,
  }, pad);
  for (const r of p.rules ?? []) {
    ctx.strokeStyle = COLORS.threshold;
    ctx.setLineDash([4, 3]);
    ctx.beginPath(); ctx.moveTo(sx(1), sy(r.y)); ctx.lineTo(width - pad.r, sy(r.y)); ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = COLORS.threshold;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(r.label, width - pad.r, sy(r.y) - 2);
  }
  for (const s of p.series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    s.points.forEach(([x, y], i) => (i ? ctx.lineTo(sx(x), sy(y)) : ctx.moveTo(sx(x), sy(y))));
    ctx.stroke();
    for (const [x, y] of s.points) { ctx.beginPath(); ctx.arc(sx(x), sy(y), 2, 0, Math.PI * 2); ctx.fill(); }
  }
  legend(ctx, width - pad.r, 23, p.series.map((s) => ({ label: s.label, color: s.color })));
}
