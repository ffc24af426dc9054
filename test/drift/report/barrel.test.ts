import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as drift from '../../../src/drift/index';

describe('src/drift/index.ts barrel', () => {
  it('exports the public API by name, without export *', () => {
    const src = readFileSync(new URL('../../../src/drift/index.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/^\s*export\s+\*/m);
    for (const name of ['buildProfile', 'ProfileBuilder', 'Profile', 'mergeProfiles', 'compareProfiles', 'makeReport', 'createMonitorCore',
      'Adwin', 'PageHinkley', 'Kswin', 'Ddm', 'detectorFromJSON', 'KllSketch', 'FixedHistogram', 'FrequentItems', 'Moments',
      'DistinctCounter', 'VectorReservoir', 'ks2samp', 'wassersteinDistance', 'jensenShannon', 'psi', 'hellinger', 'chisquare',
      'chi2Contingency', 'mmdTest', 'bonferroni', 'benjaminiHochberg'] as const) {
      expect(typeof (drift as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
