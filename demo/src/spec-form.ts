/**
 * The spec editor: one form control per AugmentSpec option, read into a spec and written back from
 * one (e.g. after a Keras config is pasted). Validation is the SDK's (`normalizeSpec`), so the page
 * shows exactly the errors an app would get.
 */
import type { AugmentSpec, ShiftRange } from './sdk.js';
import { el } from './dom.js';

type Kind = 'number' | 'shift' | 'zoom' | 'pair' | 'bool' | 'select' | 'rescale';

interface Field {
  key: keyof AugmentSpec;
  label: string;
  kind: Kind;
  help: string;
  options?: readonly string[];
  min?: number; max?: number; step?: number;
  /** Only changes float outputs (the grid shows u8 images). */
  floatOnly?: boolean;
}

/** Every AugmentSpec option, in Keras's order. */
const FIELDS: readonly Field[] = [
  { key: 'rotationRange', label: 'rotation range (°)', kind: 'number', min: 0, max: 360, step: 1, help: 'θ ~ U(−r, r) degrees' },
  { key: 'widthShiftRange', label: 'width shift range', kind: 'shift', help: '0.2 = ±20 % of the width; 10 = Keras int pixels; [−8, 0, 8]; {"pixels": 2.5}' },
  { key: 'heightShiftRange', label: 'height shift range', kind: 'shift', help: 'as width shift range' },
  { key: 'shearRange', label: 'shear range (°)', kind: 'number', min: 0, max: 360, step: 1, help: 'degrees, as Keras' },
  { key: 'zoomRange', label: 'zoom range', kind: 'zoom', help: 'z → [1−z, 1+z], or [lo, hi]; > 1 zooms out' },
  { key: 'channelShiftRange', label: 'channel shift range', kind: 'number', min: 0, max: 255, step: 1, help: 'one U(−c, c) added to every channel' },
  { key: 'brightnessRange', label: 'brightness range', kind: 'pair', help: '[lo, hi] multiplicative factor; empty = off' },
  { key: 'horizontalFlip', label: 'horizontal flip', kind: 'bool', help: 'p = 0.5' },
  { key: 'verticalFlip', label: 'vertical flip', kind: 'bool', help: 'p = 0.5' },
  { key: 'fillMode', label: 'fill mode', kind: 'select', options: ['nearest', 'constant', 'reflect', 'wrap'], help: 'outside the picture' },
  { key: 'cval', label: 'cval', kind: 'number', min: 0, max: 255, step: 1, help: "value for fill mode 'constant'" },
  { key: 'interpolation', label: 'interpolation', kind: 'select', options: ['bilinear', 'nearest'], help: 'Keras interpolation_order 1 / 0' },
  { key: 'rescale', label: 'rescale', kind: 'rescale', help: 'e.g. 1/255', floatOnly: true },
  { key: 'samplewiseCenter', label: 'samplewise center', kind: 'bool', help: 'subtract each image’s mean', floatOnly: true },
  { key: 'samplewiseStdNormalization', label: 'samplewise std norm.', kind: 'bool', help: 'divide by each image’s std', floatOnly: true },
  { key: 'featurewiseCenter', label: 'featurewise center', kind: 'bool', help: 'needs fit()', floatOnly: true },
  { key: 'featurewiseStdNormalization', label: 'featurewise std norm.', kind: 'bool', help: 'needs fit()', floatOnly: true },
];

/** The default spec the page starts with. */
export const START_SPEC: AugmentSpec = {
  rotationRange: 25, widthShiftRange: 0.1, heightShiftRange: 0.1, shearRange: 8, zoomRange: 0.2,
  channelShiftRange: 20, brightnessRange: [0.75, 1.25], horizontalFlip: true, fillMode: 'reflect',
};

/** The editor. */
export interface SpecForm {
  /** The spec the controls show (unvalidated: the SDK validates it). @throws {Error} for unparsable text fields. */
  read(): AugmentSpec;
  /** Shows `spec` in the controls (options not in `spec` return to their defaults). */
  write(spec: AugmentSpec): void;
}

function parseNumberText(key: string, text: string): number {
  const t = text.trim();
  const frac = /^(-?[\d.]+)\s*\/\s*([\d.]+)$/.exec(t);
  const v = frac ? Number(frac[1]) / Number(frac[2]) : Number(t);
  if (t === '' || !Number.isFinite(v)) throw new Error(`${key}: "${text}" is not a number.`);
  return v;
}

function parseJsonText(key: string, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^-?[\d.]+(\s*\/\s*[\d.]+)?$/.test(t)) return parseNumberText(key, t);
  try {
    return JSON.parse(t);
  } catch {
    throw new Error(`${key}: "${text}" is neither a number nor JSON (a list like [0.8, 1.2] or {"pixels": 2}).`);
  }
}

const showShift = (v: ShiftRange | undefined): string => (v === undefined || v === 0 ? '0' : typeof v === 'number' ? String(v) : JSON.stringify(v));

/** Builds the controls into `root`; `onChange` fires on every edit. */
export function createSpecForm(root: HTMLElement, onChange: () => void): SpecForm {
  const inputs = new Map<keyof AugmentSpec, HTMLInputElement | HTMLSelectElement>();
  for (const f of FIELDS) {
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.kind === 'select') {
      input = el('select', {}, f.options!.map((o) => el('option', { value: o }, [o])));
    } else if (f.kind === 'bool') {
      input = el('input', { type: 'checkbox' });
    } else if (f.kind === 'number') {
      input = el('input', { type: 'number', min: String(f.min), max: String(f.max), step: String(f.step ?? 'any') });
    } else {
      input = el('input', { type: 'text', spellcheck: 'false', placeholder: f.kind === 'pair' ? '[0.8, 1.2]' : '0' });
    }
    input.id = `spec-${f.key}`;
    input.name = f.key;
    input.addEventListener('change', onChange);
    inputs.set(f.key, input);
    const label = el('label', { for: input.id, class: f.kind === 'bool' ? 'check' : '' }, [
      f.kind === 'bool' ? input : '', el('span', { class: 'name' }, [f.label]), f.floatOnly ? el('span', { class: 'badge', title: 'changes float outputs (augmentBatch output: float32/tensor), not the images shown' }, ['float']) : '',
    ]);
    root.append(el('div', { class: `field field-${f.kind}`, title: f.help }, [label, f.kind === 'bool' ? '' : input, el('small', {}, [f.help])]));
  }

  const form: SpecForm = {
    read() {
      const spec: Record<string, unknown> = {};
      for (const f of FIELDS) {
        const input = inputs.get(f.key)!;
        switch (f.kind) {
          case 'bool': if ((input as HTMLInputElement).checked) spec[f.key] = true; break;
          case 'select': spec[f.key] = input.value; break;
          case 'number': if (input.value.trim() !== '') spec[f.key] = parseNumberText(f.key, input.value); break;
          case 'rescale': if (input.value.trim() !== '') spec[f.key] = parseNumberText(f.key, input.value); break;
          default: {
            const v = parseJsonText(f.key, input.value);
            if (v !== undefined) spec[f.key] = v;
          }
        }
      }
      return spec as AugmentSpec;
    },
    write(spec) {
      for (const f of FIELDS) {
        const input = inputs.get(f.key)!;
        const v = spec[f.key] as unknown;
        switch (f.kind) {
          case 'bool': (input as HTMLInputElement).checked = v === true; break;
          case 'select': input.value = typeof v === 'string' ? v : f.options![0]; break;
          case 'number': input.value = typeof v === 'number' ? String(v) : '0'; break;
          case 'rescale': input.value = typeof v === 'number' && v !== 0 ? String(Number(v.toPrecision(6))) : ''; break;
          case 'shift': input.value = showShift(v as ShiftRange | undefined); break;
          case 'zoom': input.value = v === undefined ? '0' : typeof v === 'number' ? String(v) : JSON.stringify(v); break;
          case 'pair': input.value = Array.isArray(v) ? JSON.stringify(v) : ''; break;
        }
      }
    },
  };
  form.write(START_SPEC);
  return form;
}
