/**
 * The edge-augment demo page: pick pictures, edit a spec (form or pasted Keras config), see seeded
 * augmented variants with their params, download them with a manifest, check drift (with the
 * attack-family fingerprint), and probe a tfjs model's robustness to the ImageNet-C corruptions.
 * Everything goes through the package's public API (see ./sdk.ts).
 */
import {
  addManifestSource, addManifestVariant, createAugmenter, createManifest, encodeImage, getCapabilities, normalizeSpec,
  parseKerasArgs, compilePipeline, type AugmentParams, type AugmentResult, type Augmenter, type AugmentSpec, type RawImage,
  type AppliedOp, type PipelineJSON, type Targets, isEdgeAugmentError,
} from './sdk.js';
import { byId, el, fmt } from './dom.js';
import { createSpecForm } from './spec-form.js';
import { createPipelineEditor, type ImportedConfig } from './pipeline-editor.js';
import { asDrawn, defaultTargets, drawTargets, enableBoxDrawing, type TargetDefaults } from './targets.js';
import { loadFiles, loadFolder, loadSamples, toCanvas, type SourceImage } from './images.js';
import { createDriftPanel } from './drift-panel.js';
import { createRobustnessPanel } from './robustness-panel.js';
import { createZip } from './zip.js';

/** An output of either kind of augmenter: Keras params, or a pipeline's applied ops. */
type Item = AugmentResult<AugmentParams | AppliedOp[]>;
type AnyAugmenter = Augmenter<AugmentParams> | Augmenter<AppliedOp[]>;

interface RunResult {
  sources: SourceImage[];
  items: Item[];
  seed: number;
  /** The targets given per source (targets on). */
  targets?: Targets[];
}

/**
 * What the page augments with: the Keras spec form, the op pipeline editor, or a pasted config while
 * the editor still shows its pipeline (made from the config: its target defaults apply).
 */
type Config = { kind: 'spec'; spec: AugmentSpec } | { kind: 'pipeline'; pipeline: PipelineJSON } | { kind: 'imported'; imported: ImportedConfig };

const state: {
  sources: SourceImage[];
  picked: RawImage[];
  aug?: AnyAugmenter;
  augKey?: string;
  last?: RunResult;
  runs: number;
} = { sources: [], picked: [], runs: 0 };

const form = createSpecForm(byId('spec-fields'), () => schedule());
const pipelineEditor = createPipelineEditor(byId('pipeline-panel'), () => schedule());
const modeSel = byId<HTMLSelectElement>('mode');
modeSel.addEventListener('change', () => {
  const pipeline = modeSel.value === 'pipeline';
  byId('pipeline-panel').hidden = !pipeline;
  byId('spec-panel').hidden = pipeline;
  compatIn.disabled = pipeline;
  document.body.dataset.mode = modeSel.value;
  schedule(0);
});
const seedIn = byId<HTMLInputElement>('seed');
const targetsIn = byId<HTMLInputElement>('targets-on');
const variantsIn = byId<HTMLInputElement>('variants');
const compatIn = byId<HTMLInputElement>('keras-compat');
const workersSel = byId<HTMLSelectElement>('workers');
const specError = byId('spec-error');
const specJson = byId('spec-json');
const grid = byId('grid');
const message = byId('message');

// ---------------------------------------------------------------------------------------------
// Status

function setStatus(key: string, value: string, ok?: boolean): void {
  const dd = document.querySelector<HTMLElement>(`#status [data-key="${key}"]`);
  if (!dd) return;
  dd.textContent = value;
  dd.classList.toggle('on', ok === true);
  dd.classList.toggle('off', ok === false);
}

function showCapabilities(): void {
  const caps = getCapabilities();
  setStatus('runtime', caps.runtime);
  setStatus('simd', caps.simd ? 'yes' : 'no', caps.simd);
  setStatus('isolated', caps.crossOriginIsolated ? 'yes' : 'no', caps.crossOriginIsolated);
  setStatus('cores', String(caps.hardwareConcurrency));
}

function showMessage(text: string, kind: 'info' | 'error' = 'info'): void {
  message.textContent = text;
  message.className = kind;
}

// ---------------------------------------------------------------------------------------------
// The augmenter: recreated when spec, seed, mode or workers change

function seed(): number {
  const s = Number(seedIn.value);
  return Number.isInteger(s) ? s : 0;
}

function workers(): number | 'auto' {
  return workersSel.value === 'auto' ? 'auto' : Number(workersSel.value);
}

/** The spec or pipeline being edited, validated by the SDK; shows the error and returns undefined when invalid. */
function currentConfig(): Config | undefined {
  if (modeSel.value !== 'pipeline') {
    const spec = currentSpec();
    return spec ? { kind: 'spec', spec } : undefined;
  }
  const error = byId('pipeline-error');
  try {
    const pipeline = pipelineEditor.read();
    compilePipeline(pipeline);
    error.textContent = '';
    const imported = pipelineEditor.imported();
    return imported ? { kind: 'imported', imported } : { kind: 'pipeline', pipeline };
  } catch (e) {
    error.textContent = (e as Error).message;
    return undefined;
  }
}

/** The spec from the form, validated by the SDK; shows the error and returns undefined when invalid. */
function currentSpec(): AugmentSpec | undefined {
  try {
    const spec = form.read();
    specJson.textContent = JSON.stringify(normalizeSpec(spec), null, 1);
    specError.textContent = '';
    return spec;
  } catch (e) {
    specError.textContent = (e as Error).message;
    return undefined;
  }
}

async function augmenter(config: Config): Promise<AnyAugmenter> {
  const key = JSON.stringify([config, seed(), compatIn.checked, workers()]);
  if (state.aug && state.augKey === key) return state.aug;
  const old = state.aug;
  state.aug = undefined;
  await old?.close();
  const started = performance.now();
  const aug: AnyAugmenter = config.kind === 'pipeline'
    ? await createAugmenter({ pipeline: config.pipeline, seed: seed(), workers: workers() })
    : config.kind === 'imported'
      ? await createAugmenter({ [config.imported.kind]: config.imported.config, seed: seed(), workers: workers() } as Parameters<typeof createAugmenter>[0])
      : await createAugmenter({ spec: config.spec, seed: seed(), kerasCompat: compatIn.checked, workers: workers() });
  state.aug = aug;
  state.augKey = key;
  const info = aug.info;
  setStatus('backend', info.backend);
  setStatus('kernel-simd', info.simd ? 'yes' : 'no', info.simd);
  setStatus('threads', info.note ? `${info.threads} *` : String(info.threads), info.threads > 1);
  // Why threads are off or fell back (e.g. blocked thread workers), shown on hover.
  const threadsEl = document.querySelector<HTMLElement>('#status [data-key="threads"]');
  if (threadsEl) threadsEl.title = info.note ?? '';
  setStatus('workers', aug.workers === 0 ? '0 (inline)' : String(aug.workers));
  setStatus('init', `${Math.round(performance.now() - started)} ms`);
  document.body.dataset.threads = String(info.threads);
  return aug;
}

// ---------------------------------------------------------------------------------------------
// The grid

const describe = (p: AugmentParams | AppliedOp[]): string => Array.isArray(p)
  ? (p.length ? p.map((o) => `${o.op} ${JSON.stringify(o.params)}`).join('\n') : '(no op ran)')
  : describeKeras(p);

const describeKeras = (p: AugmentParams): string => [
  `θ ${fmt(p.theta)}°`, `tx ${fmt(p.tx)} px`, `ty ${fmt(p.ty)} px`, `shear ${fmt(p.shear)}°`, `zx ${fmt(p.zx)}`, `zy ${fmt(p.zy)}`,
  `flip h ${p.flipHorizontal ? 'yes' : 'no'}`, `flip v ${p.flipVertical ? 'yes' : 'no'}`,
  `channel shift ${p.channelShiftIntensity === null ? '—' : fmt(p.channelShiftIntensity)}`,
  `brightness ${p.brightness === null ? '—' : fmt(p.brightness)}`,
].join('\n');

/**
 * A variant's canvas, with the SDK's moved targets (`it.targets`) drawn on a canvas laid over it.
 * The figure records them for tests: `data-targets` (the SDK's boxes and keypoints as returned) and
 * `data-drawn` (what was drawn, in output pixels).
 */
function withTargets(it: Item): HTMLElement {
  const image = toCanvas(it.image);
  if (!it.targets) return image;
  const { canvas, drawn } = drawTargets(it.targets, it.image.width, it.image.height);
  const { boxes, keypoints } = it.targets;
  return el('div', { class: 'with-targets', 'data-targets': JSON.stringify({ boxes, keypoints }), 'data-drawn': JSON.stringify(drawn) }, [image, canvas]);
}

/** Boxes the user drew on the originals (pascal_voc), per source picture. */
const drawnBoxes = new WeakMap<SourceImage, number[]>();

/** An original with its input targets drawn; dragging on it draws a new box (then the grid runs again). */
function originalWithTargets(s: SourceImage): HTMLElement {
  const box = drawnBoxes.get(s);
  const { canvas, drawn } = drawTargets(asDrawn(s.image, box), s.image.width, s.image.height);
  const wrap = el('div', { class: 'with-targets', 'data-drawn': JSON.stringify(drawn) }, [toCanvas(s.image), canvas]);
  enableBoxDrawing(wrap, canvas, s.image.width, s.image.height, (b) => { drawnBoxes.set(s, b); schedule(0); });
  return wrap;
}

function renderGrid(run: RunResult): void {
  const bySource = new Map<number, Item[]>();
  for (const it of run.items) bySource.set(it.source, [...(bySource.get(it.source) ?? []), it]);
  grid.replaceChildren(...run.sources.map((s, i) => {
    const t = run.targets?.[i];
    const shown = t ? originalWithTargets(s) : toCanvas(s.image);
    const original = el('figure', { class: 'original' }, [shown, el('figcaption', {}, ['original'])]);
    const variants = (bySource.get(i) ?? []).map((it) => {
      const fig = el('figure', { class: 'variant', title: `#${it.index}\n${describe(it.params)}`, tabindex: '0', 'data-index': String(it.index), 'data-params': JSON.stringify(it.params) }, [
        withTargets(it), el('figcaption', {}, [`#${it.index}`]),
      ]);
      const open = () => openCompare(s, it);
      fig.addEventListener('click', open);
      fig.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
      return fig;
    });
    return el('section', { class: 'row' }, [
      el('h3', {}, [s.name, s.className ? el('span', { class: 'class' }, [s.className]) : '', el('small', {}, [` ${s.image.width}×${s.image.height}`])]),
      el('div', { class: 'strip' }, [original, ...variants]),
    ]);
  }));
}

const compare = byId<HTMLDialogElement>('compare');
const compareStage = byId('compare-stage');
const compareSlider = byId<HTMLInputElement>('compare-slider');
const compareParams = byId('compare-params');

function openCompare(s: SourceImage, it: Item): void {
  const before = toCanvas(s.image, 'before');
  const after = toCanvas(it.image, 'after');
  const wipe = () => { before.style.clipPath = `inset(0 ${100 - Number(compareSlider.value)}% 0 0)`; };
  compareSlider.oninput = wipe;
  compareSlider.value = '50';
  wipe();
  compareStage.replaceChildren(after, before);
  byId('compare-title').textContent = `${s.name} — variant #${it.index} (left of the line: before, right: after)`;
  compareParams.textContent = describe(it.params);
  compare.showModal();
}
byId('compare-close').addEventListener('click', () => compare.close());

// ---------------------------------------------------------------------------------------------
// Running: one run at a time; edits during a run schedule one more

let running: Promise<void> | undefined;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(delay = 150): void {
  clearTimeout(timer);
  timer = setTimeout(() => void run(), delay);
}

async function run(): Promise<void> {
  if (running) { again = true; return running; }
  running = (async () => {
    do {
      again = false;
      await runOnce();
    } while (again);
  })().finally(() => { running = undefined; });
  return running;
}

async function runOnce(): Promise<void> {
  const config = currentConfig();
  if (!config || state.sources.length === 0) return;
  const variants = Math.max(1, Math.min(16, Math.round(Number(variantsIn.value) || 1)));
  document.body.dataset.state = 'running';
  try {
    const aug = await augmenter(config);
    const sources = state.sources;
    const t0 = performance.now();
    const defaults = aug.targetDefaults as TargetDefaults | undefined;
    const targets = targetsIn.checked ? sources.map((s) => defaultTargets(s.image, defaults, drawnBoxes.get(s))) : undefined;
    const { items } = (await aug.augmentBatch(sources.map((s) => s.image), { variants, ...(targets ? { targets } : {}) })) as { items: Item[] };
    const secs = (performance.now() - t0) / 1000;
    const pixels = items.reduce((n, it) => n + it.image.width * it.image.height, 0);
    setStatus('rate', `${fmt(items.length / secs)} images/s (${fmt(pixels / secs / 1e6)} MP/s)`);
    state.last = { sources, items, seed: aug.seed, ...(targets ? { targets } : {}) };
    renderGrid(state.last);
    state.runs++;
    document.body.dataset.runs = String(state.runs);
    const boxFormat = items.find((it) => it.targets?.boxes)?.targets?.boxes?.format;
    showMessage(`${items.length} variants of ${sources.length} images in ${fmt(secs * 1000)} ms.${targets ? ` Targets moved by the SDK (boxes as ${boxFormat ?? '—'}${defaults?.boxes ? ', from the config\'s bbox_params' : ''}).` : ''}`);
    document.body.dataset.state = 'ready';
    document.body.dataset.errorCode = '';
  } catch (e) {
    document.body.dataset.state = 'error';
    // e.g. UNSUPPORTED_TARGETS: a mixUp/cutMix pipeline with targets on.
    showMessage(isEdgeAugmentError(e) ? `${e.code}: ${e.message}` : (e as Error).message, 'error');
    document.body.dataset.errorCode = isEdgeAugmentError(e) ? e.code : '';
  }
}

// ---------------------------------------------------------------------------------------------
// Sources

async function useSources(load: () => Promise<SourceImage[]>, label: string): Promise<void> {
  showMessage(`Loading ${label}…`);
  try {
    const images = await load();
    if (images.length === 0) throw new Error(`No images found in ${label}.`);
    state.sources = images;
    const classes = [...new Set(images.map((s) => s.className).filter(Boolean))];
    byId('source-info').textContent = `${images.length} images from ${label}` + (classes.length ? ` — classes: ${classes.join(', ')}` : '');
    await run();
  } catch (e) {
    showMessage((e as Error).message, 'error');
  }
}

byId('use-samples').addEventListener('click', () => void useSources(loadSamples, 'the bundled samples'));
const filesIn = byId<HTMLInputElement>('pick-files');
filesIn.addEventListener('change', () => filesIn.files?.length && void useSources(() => loadFiles(filesIn.files!), 'the picked photos'));
const folderIn = byId<HTMLInputElement>('pick-folder');
folderIn.addEventListener('change', () => folderIn.files?.length && void useSources(async () => (await loadFolder(folderIn.files!)).images, 'the picked folder'));
const driftFilesIn = byId<HTMLInputElement>('drift-pick');
driftFilesIn.addEventListener('change', async () => {
  state.picked = driftFilesIn.files ? (await loadFiles(driftFilesIn.files)).map((s) => s.image) : [];
  byId<HTMLSelectElement>('drift-current').value = 'picked';
});

for (const input of [seedIn, variantsIn, compatIn, workersSel, targetsIn]) input.addEventListener('change', () => schedule());
byId('run').addEventListener('click', () => void run());

// ---------------------------------------------------------------------------------------------
// Keras config

const kerasText = byId<HTMLTextAreaElement>('keras-text');
const kerasError = byId('keras-error');
byId('keras-apply').addEventListener('click', () => {
  try {
    const { spec, extras } = parseKerasArgs(kerasText.value);
    normalizeSpec(spec);
    form.write(spec);
    const notes = Object.entries(extras).map(([k, v]) => `${k} = ${String(v)}`);
    kerasError.className = 'note';
    kerasError.textContent = `Imported ${Object.keys(spec).length} options${notes.length ? ` (not pixel options: ${notes.join(', ')})` : ''}.`;
    schedule(0);
  } catch (e) {
    kerasError.className = 'error';
    kerasError.textContent = (e as Error).message;
  }
});

// ---------------------------------------------------------------------------------------------
// Download all: the variants exactly as shown, their sources, and an upload manifest

byId('download').addEventListener('click', async () => {
  const last = state.last;
  const aug = state.aug;
  if (!last || !aug) return;
  showMessage('Encoding PNGs…');
  try {
    const manifest = createManifest({ seed: last.seed, spec: (aug.pipeline ? { pipeline: aug.pipeline } : { ...aug.spec }) as Record<string, unknown>, kerasCompat: aug.kerasCompat });
    const files: { name: string; data: Uint8Array }[] = [];
    const base = (n: string) => n.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_');
    for (const s of last.sources) {
      const png = await encodeImage(s.image, { format: 'png' });
      await addManifestSource(manifest, s.name, png);
      files.push({ name: `sources/${base(s.name)}.png`, data: png });
    }
    for (const it of last.items) {
      const png = await encodeImage(it.image, { format: 'png' });
      await addManifestVariant(manifest, { source: it.source, index: it.index, params: Array.isArray(it.params) ? { ops: it.params } : { ...it.params }, format: 'png', encoded: png });
      files.push({ name: `variants/${base(last.sources[it.source].name)}_${it.index}.png`, data: png });
    }
    files.push({ name: 'manifest.json', data: new TextEncoder().encode(JSON.stringify(manifest, null, 2)) });
    const url = URL.createObjectURL(new Blob([createZip(files)], { type: 'application/zip' }));
    const a = el('a', { href: url, download: `edge-augment-seed${last.seed}.zip` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    showMessage(`Zipped ${last.items.length} variants, ${last.sources.length} sources and manifest.json.`);
  } catch (e) {
    showMessage((e as Error).message, 'error');
  }
});

// ---------------------------------------------------------------------------------------------
// Drift

createDriftPanel({
  seed,
  picked: () => state.picked,
  async augmented(s) {
    const aug = state.aug;
    if (!aug || state.sources.length === 0) throw new Error('Load some images first.');
    const { items } = (await aug.augmentBatch(state.sources.map((x) => x.image), { variants: 8, seed: s })) as { items: Item[] };
    return items.map((it) => it.image);
  },
  async brightened(images, factor) {
    // Keras's brightness on the current images (a Keras augmenter of its own: the page may be in pipeline mode).
    const aug = await createAugmenter({ spec: {}, workers: 0 });
    try {
      return await Promise.all(images.map((im) => aug.apply(im, { brightness: factor })));
    } finally {
      await aug.close();
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Robustness

createRobustnessPanel({ sources: () => state.sources });

// ---------------------------------------------------------------------------------------------

showCapabilities();
currentSpec();
void useSources(loadSamples, 'the bundled samples');
