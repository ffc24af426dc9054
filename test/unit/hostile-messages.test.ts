/**
 * Fuzz findings (issue 13): hostile input must give a typed EdgeAugmentError, never a RangeError or a
 * TypeError thrown while the error message is being built.
 */
import { describe, expect, it } from 'vitest';
import { fromKerasConfig, parseKerasArgs } from '../../src/spec/keras.js';
import { normalizeSpec } from '../../src/spec/spec.js';
import { fromExplicitParams } from '../../src/plan/params.js';
import { compareProfiles } from '../../src/drift/report.js';
import { buildProfile } from '../../src/drift/profile.js';
import { detectorFromJSON, Adwin } from '../../src/drift/online/index.js';
import { describeValue, isEdgeAugmentError } from '../../src/errors.js';

function codeOf(f: () => unknown): string {
  try { f(); return 'OK'; } catch (e) { return isEdgeAugmentError(e) ? e.code : `${(e as Error).name}: ${(e as Error).message}`; }
}

const circular: Record<string, unknown> = { a: 1 };
circular.self = circular;
let deep: unknown = 1;
for (let i = 0; i < 10_000; i++) deep = [deep];
const hostile: unknown[] = [1n, circular, deep, Object.create(null), Symbol('s'), () => 1, { toJSON() { throw new Error('boom'); } }];

describe('describeValue', () => {
  it('never throws and stays short', () => {
    expect(describeValue(1n)).toBe('1n');
    expect(describeValue(circular)).toBe('{"a":1,"self":"[Circular]"}');
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue('x'.repeat(500)).length).toBeLessThanOrEqual(80);
    for (const v of hostile) expect(typeof describeValue(v)).toBe('string');
  });
});

describe('parseKerasArgs: deep nesting is INVALID_SPEC, not a stack overflow', () => {
  it.each([
    ['[ × 3000', 'rotation_range=' + '['.repeat(3000) + '1'],
    ['( × 5000', 'rotation_range=' + '('.repeat(5000) + '1'],
    ['unary − × 5000', 'rotation_range=' + '-'.repeat(5000) + '1'],
    ['** chain', 'rotation_range=' + '2**'.repeat(3000) + '1'],
  ])('%s', (_n, text) => {
    expect(codeOf(() => parseKerasArgs(text))).toBe('INVALID_SPEC');
  });
  it('ordinary nesting still parses', () => {
    expect(parseKerasArgs('zoom_range=[0.8, 1.2], rotation_range=-(-(10))').spec).toMatchObject({ rotationRange: 10 });
  });
});

describe('error messages over hostile values', () => {
  it.each(hostile.map((v, i) => [i, v] as const))('value #%i: fromKerasConfig, normalizeSpec, params, reports, detectors → typed errors', (_i, v) => {
    expect(codeOf(() => normalizeSpec(fromKerasConfig({ rotation_range: v } as never).spec))).toBe('INVALID_SPEC');
    expect(codeOf(() => fromKerasConfig({ foo: v } as never))).toBe('INVALID_SPEC');
    expect(codeOf(() => normalizeSpec({ rotationRange: v } as never))).toBe('INVALID_SPEC');
    expect(codeOf(() => fromExplicitParams({ theta: v } as never))).toBe('INVALID_PARAMS');
    const p = buildProfile([{ a: 1 }, { a: 2 }]);
    expect(codeOf(() => compareProfiles(p, p, { correction: v as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => compareProfiles(p, p, { alpha: v as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => detectorFromJSON({ type: v }))).toBe('INVALID_STATE');
    expect(codeOf(() => new Adwin({ delta: v as never }))).toBe('INVALID_ARGUMENT');
  });
  it('a self-referencing params object', () => {
    const params: Record<string, unknown> = { theta: 'x' };
    params.self = params;
    expect(codeOf(() => fromExplicitParams(params as never))).toBe('INVALID_PARAMS');
  });
});
