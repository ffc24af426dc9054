/**
 * docs/IMPORTERS.md lists exactly the classes each importer takes: a class in a table the importer does
 * not accept, or one the importer accepts that no table lists, fails here (so the mapping doc cannot go stale).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TORCHVISION_CLASSES } from '../../src/importers/torchvision.js';
import { ALBUMENTATIONS_CLASSES } from '../../src/importers/albumentations.js';
import { KERAS3_CLASSES } from '../../src/importers/keras3.js';

const doc = readFileSync(new URL('../../docs/IMPORTERS.md', import.meta.url), 'utf8');

/** Backticked class names in the first column of the tables under a `## <title>` section. */
function classes(title: string): string[] {
  const start = doc.indexOf(`## ${title}`);
  const end = doc.indexOf('\n## ', start + 1);
  const sec = doc.slice(start, end < 0 ? undefined : end);
  const out: string[] = [];
  for (const line of sec.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const first = line.split('|')[1]!;
    for (const m of first.matchAll(/`([A-Za-z0-9]+)(?:\([^`]*\))?`/g)) out.push(m[1]!);
  }
  return [...new Set(out)].sort();
}

describe('docs/IMPORTERS.md', () => {
  it('torchvision table = the classes fromTorchvision takes', () => {
    expect(classes('torchvision')).toEqual([...TORCHVISION_CLASSES].sort());
  });
  it('albumentations table = the classes fromAlbumentations takes', () => {
    expect(classes('albumentations')).toEqual([...ALBUMENTATIONS_CLASSES].sort());
  });
  it('Keras 3 table = the layers fromKeras3 takes', () => {
    expect(classes('Keras 3')).toEqual([...KERAS3_CLASSES].sort());
  });
  it('the README links it', () => {
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain('[docs/IMPORTERS.md](docs/IMPORTERS.md)');
  });
});
