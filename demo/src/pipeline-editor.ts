/**
 * The pipeline editor: add, remove and reorder ops; each op's controls are generated from its field
 * table in the SDK's registry (`listOps()`), so every registered op is editable without code here.
 * Composite ops' child lists are edited as JSON. The whole pipeline is also shown (and editable) as JSON.
 * Validation is the SDK's (`compilePipeline`): the page shows exactly the errors an app would get.
 * A pasted torchvision / albumentations / Keras 3 config is imported by the SDK's importers into the
 * editor, with the importer's notes (approximated options) and errors shown as they are.
 */
import { compilePipeline, fromAlbumentations, fromKeras3, fromTorchvision, listOps, pipelineToJSON, type Field, type ImportedPipeline, type PipelineJSON, type PipelineNodeJSON } from './sdk.js';
import { el } from './dom.js';

/** The editor. */
export interface PipelineEditor {
  /** The pipeline the controls show (unvalidated). @throws {Error} for unparsable JSON fields. */
  read(): PipelineJSON;
  /** Shows `pipeline`. */
  write(pipeline: PipelineJSON): void;
  /**
   * The last pasted config, while the editor still shows exactly its pipeline (normalised): the page
   * then creates the augmenter from the config itself, so its target defaults (albumentations'
   * bbox_params / keypoint_params) apply. Undefined once the pipeline is edited.
   */
  imported(): ImportedConfig | undefined;
}

/** A pasted config and what it imported to. */
export interface ImportedConfig {
  kind: 'torchvision' | 'albumentations' | 'keras3';
  config: unknown;
  targets?: ImportedPipeline['targets'];
}

/** The pipeline as the SDK normalises it (for comparing), or undefined when it doesn't compile. */
function normalised(p: PipelineJSON): string | undefined {
  try { return JSON.stringify(pipelineToJSON(compilePipeline(p))); } catch { return undefined; }
}

/** The pipeline the page starts with in pipeline mode. */
export const START_PIPELINE: PipelineJSON = [
  { op: 'rot90', k: [0, 1] },
  { op: 'hflip', p: 0.5 },
  { op: 'oneOf', ops: [{ op: 'invert' }, { op: 'vflip' }], p: 0.5 },
];

function control(name: string, f: Field, value: unknown, onChange: () => void): HTMLElement {
  const id = `pf-${Math.random().toString(36).slice(2)}`;
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (f.type === 'bool') {
    input = el('input', { type: 'checkbox', id }) as HTMLInputElement;
    (input as HTMLInputElement).checked = value === true;
  } else if (f.type === 'enum') {
    input = el('select', { id }, [...(f.nullable ? [el('option', { value: '' }, ['—'])] : []), ...f.values.map((v) => el('option', { value: v }, [v]))]) as HTMLSelectElement;
    input.value = value === null || value === undefined ? '' : String(value);
  } else if (f.type === 'number') {
    input = el('input', { type: 'number', id, step: f.integer ? '1' : 'any', ...(f.min !== undefined ? { min: String(f.min) } : {}), ...(f.max !== undefined ? { max: String(f.max) } : {}) }) as HTMLInputElement;
    input.value = value === null || value === undefined ? '' : String(value);
  } else {
    // ranges, number lists, child ops, JSON: edited as JSON text.
    input = el(f.type === 'ops' ? 'textarea' : 'input', { id, spellcheck: 'false', ...(f.type === 'ops' ? { rows: '3' } : { type: 'text' }) }) as HTMLInputElement;
    input.value = value === null || value === undefined ? '' : JSON.stringify(value);
  }
  input.dataset.field = name;
  input.dataset.kind = f.type;
  input.addEventListener('change', onChange);
  return el('label', { class: `pf pf-${f.type}`, title: f.doc, for: id }, [el('span', {}, [name]), input]);
}

function button(cls: string, title: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls, title, 'aria-label': title }, [text]);
  b.addEventListener('click', onClick);
  return b;
}

function readControl(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): unknown {
  const kind = input.dataset.kind;
  if (kind === 'bool') return (input as HTMLInputElement).checked;
  const t = input.value.trim();
  if (t === '') return undefined;
  if (kind === 'enum') return t;
  if (kind === 'number') return Number(t);
  try {
    return JSON.parse(t);
  } catch {
    if (kind === 'range' && Number.isFinite(Number(t))) return Number(t);
    throw new Error(`${input.dataset.field}: "${t}" is not JSON (e.g. [0.5, 1.5] or 0.4).`);
  }
}

/** Builds the editor into `root` (op picker, op list, JSON view); `onChange` fires on every edit. */
export function createPipelineEditor(root: HTMLElement, onChange: () => void): PipelineEditor {
  const ops = listOps().sort((a, b) => a.name.localeCompare(b.name));
  const picker = el('select', { id: 'pipeline-op', 'aria-label': 'op to add' }, ops.map((o) => el('option', { value: o.name, title: o.summary }, [o.name]))) as HTMLSelectElement;
  const add = el('button', { type: 'button', id: 'pipeline-add' }, ['Add op']);
  const list = el('ol', { id: 'pipeline-list' });
  const json = el('textarea', { id: 'pipeline-json', rows: '8', spellcheck: 'false', 'aria-label': 'pipeline JSON' }) as HTMLTextAreaElement;
  const applyJson = el('button', { type: 'button', id: 'pipeline-apply' }, ['Use this JSON']);
  const error = el('p', { id: 'pipeline-error', class: 'error', role: 'alert' });
  let lastImport: { config: ImportedConfig; pipeline: string | undefined } | undefined;
  const importer = createImportBox((p, config) => { write(p); lastImport = { config, pipeline: normalised(readCards()) }; onChange(); });
  root.replaceChildren(el('div', { class: 'buttons' }, [picker, add]), list, el('h3', {}, ['As JSON']), json, el('div', { class: 'buttons' }, [applyJson]), error, importer);

  let nodes: PipelineNodeJSON[] = [];
  const changed = () => {
    try {
      nodes = readCards();
      json.value = JSON.stringify(nodes, null, 1);
    } catch { /* read() reports it */ }
    onChange();
  };

  function card(node: PipelineNodeJSON, k: number): HTMLElement {
    const def = ops.find((o) => o.name === node.op);
    const fields = def ? Object.entries(def.config).map(([name, f]) => control(name, f, node[name], changed)) : [];
    const p = el('input', { type: 'number', min: '0', max: '1', step: '0.05', class: 'p', 'aria-label': 'p' }) as HTMLInputElement;
    p.value = String(node.p ?? 1);
    p.addEventListener('change', changed);
    const move = (d: number) => () => {
      const j = k + d;
      if (j < 0 || j >= nodes.length) return;
      [nodes[k], nodes[j]] = [nodes[j]!, nodes[k]!];
      render();
      changed();
    };
    const remove = () => { nodes.splice(k, 1); render(); changed(); };
    return el('li', { class: 'op-card', 'data-op': node.op }, [
      el('div', { class: 'op-head' }, [
        el('strong', { title: def?.summary ?? '' }, [node.op]), el('label', { class: 'p-label' }, ['p ', p]),
        button('up', 'move up', '▲', move(-1)),
        button('down', 'move down', '▼', move(1)),
        button('remove', 'remove', '✕', remove),
      ]),
      el('small', {}, [def?.summary ?? '']),
      el('div', { class: 'op-fields' }, fields),
    ]);
  }

  function readCards(): PipelineNodeJSON[] {
    return [...list.querySelectorAll<HTMLElement>('.op-card')].map((li) => {
      const node: PipelineNodeJSON = { op: li.dataset.op! };
      const p = Number(li.querySelector<HTMLInputElement>('input.p')!.value);
      if (p !== 1) node.p = p;
      for (const input of li.querySelectorAll<HTMLInputElement>('[data-field]')) {
        const v = readControl(input);
        if (v !== undefined) node[input.dataset.field!] = v;
      }
      return node;
    });
  }

  function render(): void {
    list.replaceChildren(...nodes.map(card));
  }

  add.addEventListener('click', () => {
    const def = ops.find((o) => o.name === picker.value)!;
    // Start from the op's example, with every default filled in (as the SDK normalises it).
    nodes = readCards();
    nodes.push(pipelineToJSON(compilePipeline([{ op: def.name, ...(def.example ?? {}) }]))[0]!);
    render();
    changed();
  });
  applyJson.addEventListener('click', () => {
    try {
      const parsed = JSON.parse(json.value) as PipelineJSON;
      compilePipeline(parsed);
      write(parsed);
      error.textContent = '';
      onChange();
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  });

  function write(p: PipelineJSON): void {
    nodes = p.map((n) => ({ ...n }));
    render();
    json.value = JSON.stringify(nodes, null, 1);
  }

  write(START_PIPELINE);
  return {
    read: () => readCards(),
    write,
    imported() {
      if (!lastImport) return undefined;
      const now = normalised(readCards());
      return now !== undefined && now === lastImport.pipeline ? lastImport.config : undefined;
    },
  };
}

/** The importers by kind, with an example config each (the placeholder). */
const IMPORTERS: Record<string, { label: string; run: (c: unknown) => ImportedPipeline; example: string }> = {
  torchvision: { label: 'torchvision Compose (JSON)', run: fromTorchvision, example: '[{"RandomResizedCrop": {"size": 224}}, {"RandomHorizontalFlip": {}}, "ToTensor"]' },
  albumentations: { label: 'albumentations A.to_dict()', run: fromAlbumentations, example: '{"__version__": "1.3.1", "transform": {"__class_fullname__": "Compose", "p": 1, "transforms": [{"__class_fullname__": "HorizontalFlip", "p": 0.5}]}}' },
  keras3: { label: 'Keras 3 Sequential get_config()', run: fromKeras3, example: '{"class_name": "Sequential", "config": {"layers": [{"class_name": "RandomFlip", "config": {"mode": "horizontal"}}]}}' },
};

/**
 * "Paste a config": a kind picker, a text box and Import. A successful import replaces the editor's
 * pipeline (through `use`) and lists the importer's notes, the output options and target defaults the
 * config implies; a failure shows the SDK's error (unknown transform, JSON path) and changes nothing.
 */
function createImportBox(use: (p: PipelineJSON, imported: ImportedConfig) => void): HTMLElement {
  const kind = el('select', { id: 'import-kind', 'aria-label': 'config kind' }, Object.entries(IMPORTERS).map(([k, v]) => el('option', { value: k }, [v.label]))) as HTMLSelectElement;
  const text = el('textarea', { id: 'import-config', rows: '5', spellcheck: 'false', 'aria-label': 'config to import', placeholder: IMPORTERS.torchvision!.example }) as HTMLTextAreaElement;
  const go = el('button', { type: 'button', id: 'import-apply' }, ['Import into the pipeline']);
  const notes = el('ul', { id: 'import-notes' });
  const error = el('p', { id: 'import-error', class: 'error', role: 'alert' });
  kind.addEventListener('change', () => { text.placeholder = IMPORTERS[kind.value]!.example; });
  go.addEventListener('click', () => {
    notes.replaceChildren();
    try {
      let config: unknown;
      try { config = JSON.parse(text.value); } catch (e) { throw new Error(`Not JSON: ${(e as Error).message}`); }
      const r = IMPORTERS[kind.value]!.run(config);
      compilePipeline(r.pipeline);
      const lines = [...r.notes];
      if (r.options) lines.push(`Output options implied (for float/tensor outputs): ${JSON.stringify(r.options)}`);
      if (r.targets) lines.push(`Target defaults: ${JSON.stringify(r.targets)}`);
      notes.replaceChildren(...lines.map((n) => el('li', {}, [n])));
      error.textContent = '';
      use(r.pipeline, { kind: kind.value as ImportedConfig['kind'], config, ...(r.targets ? { targets: r.targets } : {}) });
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  });
  return el('details', { id: 'import-box' }, [
    el('summary', {}, ['Paste a torchvision / albumentations / Keras 3 config']),
    el('div', { class: 'buttons' }, [kind, go]), text, error, notes,
  ]);
}
