/**
 * The pipeline editor: add, remove and reorder ops; each op's controls are generated from its field
 * table in the SDK's registry (`listOps()`), so every registered op is editable without code here.
 * Composite ops' child lists are edited as JSON. The whole pipeline is also shown (and editable) as JSON.
 * Validation is the SDK's (`compilePipeline`): the page shows exactly the errors an app would get.
 */
import { compilePipeline, listOps, pipelineToJSON, type Field, type PipelineJSON, type PipelineNodeJSON } from './sdk.js';
import { el } from './dom.js';

/** The editor. */
export interface PipelineEditor {
  /** The pipeline the controls show (unvalidated). @throws {Error} for unparsable JSON fields. */
  read(): PipelineJSON;
  /** Shows `pipeline`. */
  write(pipeline: PipelineJSON): void;
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
  root.replaceChildren(el('div', { class: 'buttons' }, [picker, add]), list, el('h3', {}, ['As JSON']), json, el('div', { class: 'buttons' }, [applyJson]), error);

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
  };
}
