import { describe, expect, it } from 'vitest';
import { normalizeSpec } from '../../src/spec/spec.js';
import { fromKerasConfig, parseKerasArgs } from '../../src/spec/keras.js';
import { EdgeAugmentError } from '../../src/errors.js';

function errOf(f: () => unknown): EdgeAugmentError {
  try { f(); } catch (e) { return e as EdgeAugmentError; }
  throw new Error('expected a throw');
}

describe('normalizeSpec', () => {
  it('fills Keras defaults', () => {
    const s = normalizeSpec({});
    expect(s.fillMode).toBe('nearest');
    expect(s.interpolation).toBe('bilinear');
    expect(s.zoomRange).toEqual([1, 1]);
    expect(s.brightnessRange).toBeNull();
    expect(s.rescale).toBeNull();
  });
  it('maps a zoom number to [1-z, 1+z] and keeps pairs', () => {
    expect(normalizeSpec({ zoomRange: 0.25 }).zoomRange).toEqual([0.75, 1.25]);
    expect(normalizeSpec({ zoomRange: [0.5, 2] }).zoomRange).toEqual([0.5, 2]);
  });
  it('treats non-integer shift ≥ 1 as float pixels and integers as Keras ints', () => {
    expect(normalizeSpec({ widthShiftRange: 2.5 }).widthShiftRange).toEqual({ pixels: 2.5 });
    expect(normalizeSpec({ widthShiftRange: 3 }).widthShiftRange).toBe(3);
    expect(normalizeSpec({ widthShiftRange: [0.1, 0.2] }).widthShiftRange).toEqual([0.1, 0.2]);
  });
  it.each([
    [{ rotationRange: -5 }, 'rotationRange', '-5'],
    [{ rotationRange: NaN }, 'rotationRange', 'NaN'],
    [{ fillMode: 'mirror' }, 'fillMode', "'constant' | 'nearest' | 'reflect' | 'wrap'"],
    [{ zoomRange: [2, 1] }, 'zoomRange', '0 < lo ≤ hi'],
    [{ zoomRange: 1.5 }, 'zoomRange', '[0, 1)'],
    [{ cval: 300 }, 'cval', '0 to 255'],
    [{ brightnessRange: [0.5] }, 'brightnessRange', '[lo, hi]'],
    [{ horizontalFlip: 'yes' }, 'horizontalFlip', 'true or false'],
    [{ widthShiftRange: [] }, 'widthShiftRange', 'list'],
    [{ rotation_range: 5 }, 'rotation_range', 'fromKerasConfig'],
    [{ interpolation: 'bicubic' }, 'interpolation', "'nearest' | 'bilinear'"],
  ])('rejects %j naming field, value and what is allowed', (spec, field, allowedFragment) => {
    const e = errOf(() => normalizeSpec(spec as never));
    expect(e).toBeInstanceOf(EdgeAugmentError);
    expect(e.code).toBe('INVALID_SPEC');
    expect(e.message).toContain(`spec.${field}`);
    expect(e.message).toContain(allowedFragment);
    expect(e.details?.field).toBe(field);
  });
});

describe('Keras config import', () => {
  it('maps snake_case keys', () => {
    const { spec, extras } = fromKerasConfig({ rotation_range: 50, width_shift_range: 0.25, horizontal_flip: true, rescale: 1 / 255, interpolation_order: 0, validation_split: 0.2 });
    expect(spec).toEqual({ rotationRange: 50, widthShiftRange: 0.25, horizontalFlip: true, rescale: 1 / 255, interpolation: 'nearest' });
    expect(extras.validationSplit).toBe(0.2);
  });
  it('rejects zca_whitening, preprocessing functions, channels_first and unknown keys', () => {
    expect(errOf(() => fromKerasConfig({ zca_whitening: true })).message).toContain('zca_whitening');
    expect(errOf(() => fromKerasConfig({ data_format: 'channels_first' })).code).toBe('INVALID_SPEC');
    expect(errOf(() => fromKerasConfig({ rotation: 5 })).message).toContain('rotation');
    expect(errOf(() => fromKerasConfig(JSON.parse('{"__proto__": {"x": 1}}'))).code).toBe('INVALID_SPEC');
  });
  it('parses a pasted argument list with Python literals and arithmetic', () => {
    const { spec } = parseKerasArgs(`ImageDataGenerator(
      rotation_range=50, width_shift_range=.25, height_shift_range=2.0,
      shear_range=0.2, zoom_range=[0.8, 1.2], horizontal_flip=True, vertical_flip=False,
      fill_mode='reflect', rescale=1./255, brightness_range=(0.5, 1.5), cval=0,  # comment
    )`);
    expect(spec.rotationRange).toBe(50);
    expect(spec.widthShiftRange).toBe(0.25);
    expect(spec.heightShiftRange).toEqual({ pixels: 2 });
    expect(spec.zoomRange).toEqual([0.8, 1.2]);
    expect(spec.fillMode).toBe('reflect');
    expect(spec.rescale).toBeCloseTo(1 / 255, 15);
    expect(spec.brightnessRange).toEqual([0.5, 1.5]);
    expect(normalizeSpec(spec).heightShiftRange).toEqual({ pixels: 2 });
  });
  it('keeps Python ints as Keras int shifts', () => {
    expect(parseKerasArgs('width_shift_range=3').spec.widthShiftRange).toBe(3);
  });
  it('accepts JSON and reports syntax errors', () => {
    expect(parseKerasArgs('{"rotation_range": 10}').spec.rotationRange).toBe(10);
    expect(errOf(() => parseKerasArgs('rotation_range=os.system("x")')).code).toBe('INVALID_SPEC');
    expect(errOf(() => parseKerasArgs('rotation_range=')).code).toBe('INVALID_SPEC');
  });
});
