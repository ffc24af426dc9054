/**
 * The drift panel: image features of a reference set and a current set (`extractImageFeatures`, the
 * SDK's WASM feature kernel), profiles and a report (`buildProfile`, `compareProfiles`), per-feature
 * histogram overlays, the report as a table, and a streaming chart where the current set arrives one
 * image at a time (`createDriftMonitor`). The attack-family fingerprint (`buildSignatureBank` on the
 * reference, `compareProfiles(…, { fingerprint })`) runs on 96 px thumbnails of both sets: it says which
 * family (JPEG, noise, blur, contrast, overlay, …) the current set most resembles, or "none of these".
 */
import {
  buildProfile, buildSignatureBank, compareProfiles, corrupt, createDriftMonitor, extractImageFeatures, overlayLogo, resizeRawImage,
  type CorruptionName, type DriftFingerprint, type DriftReport, type RawImage, type SignatureBank,
} from './sdk.js';
import { byId, el, fmt } from './dom.js';
import { COLORS, drawHistogramOverlay, drawLineChart, type Series } from './plot.js';

/** What the panel needs from the page. */
export interface DriftSources {
  /** The reference set: augmented variants of the sources (seed `seed`). */
  augmented(seed: number): Promise<RawImage[]>;
  /** The same images with a brightness factor applied (the SDK's `apply({ brightness })`). */
  brightened(images: RawImage[], factor: number): Promise<RawImage[]>;
  /** Photos the user picked as the current set (empty when none). */
  picked(): RawImage[];
  /** The seed of the page's augmenter. */
  seed(): number;
}

type Row = Record<string, number>;
type CurrentKind = 'same' | 'brightness' | 'corrupted' | 'picked';

/** Longest side of the fingerprint's thumbnails. */
const THUMB = 96;

/** A thumbnail of at most THUMB px (halvings, then one bilinear step: no aliasing from one big jump). */
function thumbnail(image: RawImage): RawImage {
  let im = image;
  while (Math.max(im.width, im.height) > 2 * THUMB) im = resizeRawImage(im, Math.max(1, Math.round(im.width / 2)), Math.max(1, Math.round(im.height / 2)), 'bilinear');
  const s = THUMB / Math.max(im.width, im.height);
  return s >= 1 ? im : resizeRawImage(im, Math.max(1, Math.round(im.width * s)), Math.max(1, Math.round(im.height * s)), 'bilinear');
}


const HIST_BINS = 16;
const STREAM_DELAY_MS = 40;
/** Units for the x axis of each histogram. */
const UNITS: Record<string, string> = {
  brightness: 'mean luma (0–255)', contrast: 'std of luma', red_mean: 'mean R (0–255)', green_mean: 'mean G (0–255)',
  blue_mean: 'mean B (0–255)', sharpness: 'Laplacian variance', entropy: 'bits', edge_density: 'share of edge pixels',
  colorfulness: 'Hasler–Süsstrunk', width: 'pixels', height: 'pixels', aspect_ratio: 'width / height',
};

/** One feature record per image (brightness, contrast, HSV, sharpness, …). */
async function rowsOf(images: readonly RawImage[]): Promise<Row[]> {
  const { rows, failures } = await extractImageFeatures(images);
  if (failures.length) throw failures[0].error;
  return rows;
}

/** Shared edges over both sets so the bars line up. */
function histograms(name: string, ref: readonly Row[], cur: readonly Row[]) {
  const rv = ref.map((r) => r[name]).filter(Number.isFinite), cv = cur.map((r) => r[name]).filter(Number.isFinite);
  let lo = Math.min(...rv, ...cv), hi = Math.max(...rv, ...cv);
  if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
  const edges = Array.from({ length: HIST_BINS + 1 }, (_, i) => lo + ((hi - lo) * i) / HIST_BINS);
  const count = (vals: number[]) => {
    const c = new Array<number>(HIST_BINS).fill(0);
    for (const v of vals) c[Math.min(HIST_BINS - 1, Math.floor(((v - lo) / (hi - lo)) * HIST_BINS))]++;
    return c;
  };
  return { edges, reference: count(rv), current: count(cv) };
}

/** Wires the panel to the elements of index.html. */
export function createDriftPanel(src: DriftSources): { run(): Promise<DriftReport | undefined> } {
  const kindSel = byId<HTMLSelectElement>('drift-current');
  const factorIn = byId<HTMLInputElement>('drift-factor');
  const runBtn = byId<HTMLButtonElement>('drift-run');
  const streamBtn = byId<HTMLButtonElement>('drift-stream');
  const verdict = byId('drift-verdict');
  const table = byId<HTMLTableSectionElement>('drift-table-body');
  const plots = byId('drift-histograms');
  const stream = byId<HTMLCanvasElement>('drift-stream-chart');
  const streamNote = byId('drift-stream-note');
  const familySel = byId<HTMLSelectElement>('drift-family');
  const severityIn = byId<HTMLInputElement>('drift-severity');
  const fpOut = byId('drift-fingerprint');
  let busy = false;
  let bankCache: { key: string; bank: SignatureBank } | undefined;

  const sets = async (): Promise<{ ref: RawImage[]; cur: RawImage[]; label: string; small?: boolean }> => {
    const seed = src.seed();
    const ref = await src.augmented(seed);
    const kind = kindSel.value as CurrentKind;
    if (kind === 'picked') {
      const cur = src.picked();
      if (cur.length === 0) throw new Error('Pick photos for the current set first (“current: photos I pick”).');
      return { ref, cur, label: `${cur.length} picked photos` };
    }
    const fresh = await src.augmented(seed + 1_000_003);
    if (kind === 'same') return { ref, cur: fresh, label: 'the same photos, augmented with another seed' };
    if (kind === 'corrupted') {
      const family = familySel.value, severity = Number(severityIn.value);
      if (!(Number.isInteger(severity) && severity >= 1 && severity <= 5)) throw new Error('The severity must be an integer from 1 to 5.');
      const small = fresh.map(thumbnail);
      const cur = await Promise.all(small.map((im, i) => family === 'overlay' ? overlayLogo(im, severity, 77 + i) : corrupt(im, { corruption: family as CorruptionName, severity, seed: 77 + i })));
      return { ref: ref.map(thumbnail), cur, label: `the same photos, another seed, ${familySel.selectedOptions[0]?.textContent ?? family} at severity ${severity}, as ${THUMB} px thumbnails`, small: true };
    }
    const f = Number(factorIn.value);
    if (!(f > 0 && f <= 4)) throw new Error('The brightness factor must be in (0, 4].');
    return { ref, cur: await src.brightened(fresh, f), label: `the same photos, another seed, brightness ×${f}` };
  };

  const renderReport = (report: DriftReport, refRows: Row[], curRows: Row[], label: string) => {
    verdict.dataset.datasetDrift = String(report.datasetDrift);
    verdict.className = `verdict ${report.datasetDrift ? 'bad' : 'good'}`;
    verdict.replaceChildren(
      el('strong', {}, [report.datasetDrift ? 'Drift detected' : 'No drift']),
      ` — ${report.driftedFeatures.length} of ${report.features.length} features drifted (dataset drift at ≥ ${Math.round(report.driftShare * 100)} %). `,
      `Reference: ${report.referenceRows} augmented images; current: ${report.currentRows} images (${label}).`,
    );
    const order = [...report.features].sort((a, b) => Number(b.drift) - Number(a.drift) || (a.pvalue ?? 1) - (b.pvalue ?? 1));
    table.replaceChildren(...order.map((f) => el('tr', { class: f.drift ? 'drift' : '', 'data-feature': f.name }, [
      el('td', {}, [f.name]), el('td', {}, [f.test]), el('td', { class: 'num' }, [fmt(f.statistic)]),
      el('td', { class: 'num' }, [fmt(f.pvalue)]), el('td', { class: 'num' }, [fmt(f.threshold)]),
      el('td', { class: 'verdict-cell' }, [f.drift ? 'drift' : 'ok']),
    ])));
    plots.replaceChildren(...order.map((f) => {
      const c = el('canvas', { 'data-feature': f.name, role: 'img', 'aria-label': `histogram of ${f.name}, reference vs current` });
      drawHistogramOverlay(c, { title: `${f.name}: ${f.drift ? 'DRIFT' : 'ok'} (${f.test}, ${f.pvalue !== undefined ? `p = ${fmt(f.pvalue)}` : `d = ${fmt(f.statistic)}`})`, xLabel: UNITS[f.name] ?? f.name.replace(/_/g, ' '), ...histograms(f.name, refRows, curRows) });
      return c;
    }));
    for (const s of report.skipped) table.append(el('tr', { class: 'skipped' }, [el('td', {}, [s.name]), el('td', { colspan: '5' }, [`skipped: ${s.reason}`])]));
  };

  const guard = (fn: () => Promise<void>) => async () => {
    if (busy) return;
    busy = true;
    runBtn.disabled = streamBtn.disabled = true;
    verdict.classList.remove('error');
    try {
      await fn();
    } catch (e) {
      verdict.className = 'verdict error';
      delete verdict.dataset.datasetDrift;
      verdict.textContent = (e as Error).message;
    } finally {
      busy = false;
      runBtn.disabled = streamBtn.disabled = false;
    }
  };

  /** The fingerprint on thumbnails: the bank is built once per reference set (cached by seed and size). */
  const fingerprint = async (ref: RawImage[], cur: RawImage[], small: boolean): Promise<DriftFingerprint> => {
    const refT = small ? ref : ref.map(thumbnail), curT = small ? cur : cur.map(thumbnail);
    const key = `${src.seed()}/${refT.length}/${refT[0]?.width}x${refT[0]?.height}`;
    if (bankCache?.key !== key) {
      fpOut.textContent = 'Fingerprint: computing the families\u2019 signatures from the reference thumbnails…';
      bankCache = { key, bank: await buildSignatureBank(refT, { seed: 1 }) };
    }
    const reference = await buildProfile(await rowsOf(refT));
    const current = await buildProfile(await rowsOf(curT), { reference });
    return compareProfiles(reference, current, { fingerprint: bankCache.bank }).fingerprint!;
  };

  const renderFingerprint = (fp: DriftFingerprint) => {
    fpOut.dataset.family = fp.family;
    fpOut.dataset.severity = String(fp.severity ?? '');
    fpOut.className = `fingerprint ${fp.family === 'none' ? 'good' : 'bad'}`;
    const head = fp.family === 'none' ? 'none of these' : `${fp.family.replace(/_/g, ' ')}, severity ~${fp.severity}, confidence ${fmt(fp.confidence)}`;
    fpOut.replaceChildren(el('strong', {}, [`Fingerprint: ${head}`]), ` — ${fp.description}`);
  };

  let last: DriftReport | undefined;
  const check = async () => {
    verdict.textContent = 'Computing features…';
    const { ref, cur, label, small } = await sets();
    const [refRows, curRows] = [await rowsOf(ref), await rowsOf(cur)];
    const reference = await buildProfile(refRows);
    const current = await buildProfile(curRows, { reference });
    last = compareProfiles(reference, current);
    renderReport(last, refRows, curRows, label);
    renderFingerprint(await fingerprint(ref, cur, !!small));
    document.body.dataset.driftRuns = String(Number(document.body.dataset.driftRuns ?? 0) + 1);
  };

  const streamRun = async () => {
    const { ref, cur, label } = await sets();
    const refRows = await rowsOf(ref);
    const monitor = await createDriftMonitor({ reference: await buildProfile(refRows) });
    const share: [number, number][] = [], pBright: [number, number][] = [];
    const draw = () => {
      const series: Series[] = [
        { label: 'share of features drifted', color: COLORS.current, points: share },
        { label: 'KS p-value of brightness', color: COLORS.reference, points: pBright },
      ];
      drawLineChart(stream, {
        title: 'Streaming check: the current set arrives one image at a time', xLabel: 'images seen', yLabel: 'share / p-value',
        series, yRange: [0, 1], xMax: cur.length, rules: [{ y: 0.5, label: 'dataset drift at 50 %' }, { y: 0.05, label: 'α = 0.05' }],
      });
    };
    const curRows: Row[] = [];
    try {
      for (let i = 0; i < cur.length; i++) {
        await monitor.update([cur[i]]);
        curRows.push(...(await rowsOf([cur[i]]))); // for the histograms only
        if (monitor.count >= 2) {
          const r = await monitor.report();
          share.push([i + 1, r.shareDrifted]);
          const b = r.features.find((f) => f.name === 'brightness');
          if (b?.pvalue !== undefined && Number.isFinite(b.pvalue)) pBright.push([i + 1, b.pvalue]);
          streamNote.textContent = `${i + 1} / ${cur.length} images of ${label} — ${r.datasetDrift ? 'drift' : 'no drift'} so far.`;
          if (i === cur.length - 1) { last = r; renderReport(r, refRows, curRows, label); }
        }
        draw();
        await new Promise((res) => setTimeout(res, STREAM_DELAY_MS));
      }
    } finally {
      await monitor.close();
    }
    stream.dataset.points = String(share.length);
  };

  runBtn.addEventListener('click', guard(check));
  streamBtn.addEventListener('click', guard(streamRun));
  kindSel.addEventListener('change', () => {
    factorIn.parentElement!.classList.toggle('hidden', kindSel.value !== 'brightness');
    familySel.parentElement!.classList.toggle('hidden', kindSel.value !== 'corrupted');
  });
  drawLineChart(stream, { title: 'Streaming check: press “Stream current one by one”', xLabel: 'images seen', yLabel: 'share / p-value', series: [], yRange: [0, 1], xMax: 10 });
  return { run: async () => { await guard(check)(); return last; } };
}
