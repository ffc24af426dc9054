/**
 * listDirectory vs Keras flow_from_directory.
 *
 * Keras is not installed here, so the expected listing is derived by hand from Keras 3's source
 * (keras/src/legacy/preprocessing/image.py), step by step:
 *
 * 1. DirectoryIterator.__init__: `for subdir in sorted(os.listdir(directory)): if os.path.isdir(...)`
 *    → dataset/ holds Birds/, cats/, dogs/, empty_class/ and top.png. Python sorts by code point, so
 *    'Birds' (B = 0x42) comes before 'cats'. top.png is not a directory and is never listed.
 *    classes = [Birds, cats, dogs, empty_class], class_indices = {Birds: 0, cats: 1, dogs: 2, empty_class: 3}.
 * 2. _iter_valid_files: `sorted(os.walk(subpath, followlinks), key=lambda x: x[0])` sorts the walk by
 *    the whole root path, so for cats/: 'cats' < 'cats/sub' < 'cats/sub-x' < 'cats/sub/deep'
 *    ('-' = 0x2D sorts before '/' = 0x2F). Inside each root `sorted(files)`.
 * 3. Filter: `fname.lower().endswith(white_list_formats)` with ('png','jpg','jpeg','bmp','ppm','tif','tiff'),
 *    no dot: 'photo_png' is kept, 'archive.png.bak', 'notes.txt', 'README.md' are not; 'B.PNG',
 *    'c.JPG', 'f.Png', 'UPPER.JPEG', 't.TIFF' are kept (case-insensitive).
 * 4. In dogs/, code-point order puts 'ｚ.png' (U+FF5A) before '😀.png' (U+1F600); JavaScript's default
 *    UTF-16 sort would not (0xD83D < 0xFF5A). '1.png' < '10.png' < '2.png' ('.' < '0').
 * 5. _list_valid_filenames_in_directory with split: `start, stop = int(split[0]*n), int(split[1]*n)`,
 *    validation split = (0, vs), training split = (vs, 1) (set_processing_attrs). With vs = 0.3:
 *    Birds n=3 → int(0.8999999999999999) = 0; cats n=9 → int(2.6999999999999997) = 2; dogs n=9 → 2.
 *    (Products checked with /usr/bin/python3: `0.3*3`, `0.3*9`.)
 * 6. filenames = os.path.join(dirname, relpath) class by class; DirectoryIterator.classes is the
 *    concatenation of each class's index list.
 */
import { mkdtempSync, mkdirSync, copyFileSync, symlinkSync, rmSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  comparePython, listDirectory, makeLabel, readDatasetFile, shuffleIndices, splitBounds,
  type DirectoryHandleLike, type FileHandleLike, type RelativeFileLike,
} from '../../src/io/directory.js';

const DATASET = new URL('../fixtures/io/dataset', import.meta.url).pathname;

const BIRDS = ['Birds/Eagle.PNG', 'Birds/kiwi.tif', 'Birds/owl.png'];
const CATS = ['cats/B.PNG', 'cats/a.png', 'cats/c.JPG', 'cats/d.jpeg', 'cats/photo_png', 'cats/z.bmp',
  'cats/sub/e.png', 'cats/sub-x/g.png', 'cats/sub/deep/f.Png'];
const DOGS = ['dogs/1.png', 'dogs/10.png', 'dogs/2.png', 'dogs/UPPER.JPEG', 'dogs/p.ppm', 'dogs/t.TIFF',
  'dogs/\uff5a.png', 'dogs/\u{1f600}.png'];
const KERAS_FILENAMES = [...BIRDS, ...CATS, ...DOGS];
const KERAS_CLASSES = [...BIRDS.map(() => 0), ...CATS.map(() => 1), ...DOGS.map(() => 2)];
const KERAS_CLASS_INDICES = { Birds: 0, cats: 1, dogs: 2, empty_class: 3 };
const VALIDATION_03 = ['cats/B.PNG', 'cats/a.png', 'dogs/1.png', 'dogs/10.png'];

describe('listDirectory (path source) reproduces flow_from_directory', () => {
  it('classes, class indices, file order and labels', async () => {
    const l = await listDirectory(DATASET);
    expect(l.classes).toEqual(['Birds', 'cats', 'dogs', 'empty_class']);
    expect(l.classIndices).toEqual(KERAS_CLASS_INDICES);
    expect(l.files.map((f) => f.relativePath)).toEqual(KERAS_FILENAMES);
    expect(l.labels).toEqual(KERAS_CLASSES);
    expect(l.files.map((f) => f.classIndex)).toEqual(KERAS_CLASSES);
    expect(l.files[0].path).toBe(join(DATASET, 'Birds', 'Eagle.PNG'));
    expect(l.files.every((f) => typeof f.size === 'number' && f.size > 0)).toBe(true);
    expect(l.classMode).toBe('categorical');
  });

  it('validation split 0.3: first int(0.3·n) sorted files of each class', async () => {
    const v = await listDirectory(DATASET, { validationSplit: 0.3, subset: 'validation' });
    const t = await listDirectory(DATASET, { validationSplit: 0.3, subset: 'training' });
    expect(v.files.map((f) => f.relativePath)).toEqual(VALIDATION_03);
    expect(t.files.map((f) => f.relativePath)).toEqual(KERAS_FILENAMES.filter((f) => !VALIDATION_03.includes(f)));
    expect(v.classes).toEqual(t.classes); // class indices never depend on the subset
    // Without subset, validation_split is ignored (Keras: split = None).
    expect((await listDirectory(DATASET, { validationSplit: 0.3 })).files).toHaveLength(KERAS_FILENAMES.length);
  });

  it('validation split 0.5: Birds int(1.5)=1, cats int(4.5)=4, dogs int(4.0)=4', async () => {
    const v = await listDirectory(DATASET, { validationSplit: 0.5, subset: 'validation' });
    expect(v.files.map((f) => f.relativePath)).toEqual([...BIRDS.slice(0, 1), ...CATS.slice(0, 4), ...DOGS.slice(0, 4)]);
  });

  it('explicit classes keep the caller order; missing folders give no files; extensions override', async () => {
    const l = await listDirectory(DATASET, { classes: ['dogs', 'cats', 'nope'], extensions: ['.png'] });
    expect(l.classIndices).toEqual({ dogs: 0, cats: 1, nope: 2 });
    expect(l.files.map((f) => f.relativePath)).toEqual([
      'dogs/1.png', 'dogs/10.png', 'dogs/2.png', 'dogs/\uff5a.png', 'dogs/\u{1f600}.png',
      'cats/B.PNG', 'cats/a.png', 'cats/sub/e.png', 'cats/sub-x/g.png', 'cats/sub/deep/f.Png',
    ]);
    expect(l.labels).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('rejects bad options and missing roots with typed errors', async () => {
    await expect(listDirectory(DATASET, { validationSplit: 1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(listDirectory(DATASET, { subset: 'test' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(listDirectory(DATASET, { classMode: 'multi' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(listDirectory(join(DATASET, 'missing'))).rejects.toMatchObject({ code: 'IO_ERROR' });
    await expect(listDirectory(42 as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('reads listed files back', async () => {
    const l = await listDirectory(DATASET);
    const bytes = await readDatasetFile(l.files[0]);
    expect(bytes.length).toBe(l.files[0].size);
  });
});

describe('symbolic links (os.walk followlinks semantics)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ea-io-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const png = join(DATASET, 'cats', 'a.png');
  mkdirSync(join(tmp, 'ds', 'cats', 'real'), { recursive: true });
  mkdirSync(join(tmp, 'outside'), { recursive: true });
  copyFileSync(png, join(tmp, 'ds', 'cats', 'x.png'));
  copyFileSync(png, join(tmp, 'ds', 'cats', 'real', 'r.png'));
  copyFileSync(png, join(tmp, 'outside', 'o.png'));
  symlinkSync(join(tmp, 'outside'), join(tmp, 'ds', 'cats', 'linked'));
  symlinkSync(join(tmp, 'ds', 'cats'), join(tmp, 'ds', 'cats', 'loop')); // a cycle
  symlinkSync(join(tmp, 'outside'), join(tmp, 'ds', 'linkedclass')); // os.path.isdir follows links: a class
  symlinkSync(join(tmp, 'missing.png'), join(tmp, 'ds', 'cats', 'broken.png')); // os.walk lists broken links as files

  it('followLinks false: linked sub-folders skipped, a linked class folder still listed at its top', async () => {
    const l = await listDirectory(join(tmp, 'ds'));
    expect(l.classes).toEqual(['cats', 'linkedclass']);
    expect(l.files.map((f) => f.relativePath)).toEqual(['cats/broken.png', 'cats/x.png', 'cats/real/r.png', 'linkedclass/o.png']);
    expect(l.files[0].size).toBeUndefined();
  });

  it('followLinks true: linked sub-folders walked, the cycle entered once', async () => {
    const l = await listDirectory(join(tmp, 'ds'), { followLinks: true });
    expect(l.files.map((f) => f.relativePath)).toEqual([
      'cats/broken.png', 'cats/x.png', 'cats/linked/o.png', 'cats/real/r.png', 'linkedclass/o.png',
    ]);
  });
});

/** Browser-like sources built from the fixture tree. */
function toFiles(dir: string, rel: string): RelativeFileLike[] {
  const out: RelativeFileLike[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...toFiles(p, `${rel}/${name}`));
    else {
      const f = new File([readFileSync(p)], name);
      Object.defineProperty(f, 'webkitRelativePath', { value: `${rel}/${name}` });
      out.push(f as RelativeFileLike);
    }
  }
  return out;
}

function toHandle(dir: string, name: string): DirectoryHandleLike {
  return {
    kind: 'directory',
    name,
    async *values() {
      // Reverse order on purpose: the listing must not depend on enumeration order.
      for (const n of readdirSync(dir).reverse()) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) yield toHandle(p, n);
        else yield { kind: 'file', name: n, getFile: async () => new File([readFileSync(p)], n) } satisfies FileHandleLike;
      }
    },
  };
}

describe('browser sources give the same listing', () => {
  it('FileList / File[] with webkitRelativePath', async () => {
    const files = toFiles(DATASET, 'dataset').reverse();
    const l = await listDirectory(files, { validationSplit: 0.3, subset: 'validation' });
    expect(l.classIndices).toEqual(KERAS_CLASS_INDICES); // empty_class is visible through its readme.txt
    expect(l.files.map((f) => f.relativePath)).toEqual(VALIDATION_03);
    const all = await listDirectory(files);
    expect(all.files.map((f) => f.relativePath)).toEqual(KERAS_FILENAMES);
    expect((await readDatasetFile(all.files[0])).length).toBe(all.files[0].size);
  });

  it('FileSystemDirectoryHandle', async () => {
    const l = await listDirectory(toHandle(DATASET, 'dataset'));
    expect(l.classIndices).toEqual(KERAS_CLASS_INDICES);
    expect(l.files.map((f) => f.relativePath)).toEqual(KERAS_FILENAMES);
    expect((await readDatasetFile(l.files[3])).length).toBeGreaterThan(0);
  });

  it('files without a folder path are refused', async () => {
    await expect(listDirectory([new File([new Uint8Array(1)], 'a.png') as RelativeFileLike])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('pure helpers', () => {
  it('splitBounds truncates the double product like Python int()', () => {
    // Python: 0.29*100 = 28.999999999999996, 0.57*100 = 56.99999999999999, 0.1*3 = 0.30000000000000004
    expect(splitBounds(100, 0.29, 'validation')).toEqual([0, 28]);
    expect(splitBounds(100, 0.57, 'training')).toEqual([56, 100]);
    expect(splitBounds(3, 0.1, 'validation')).toEqual([0, 0]);
    expect(splitBounds(10, 0.7, 'validation')).toEqual([0, 7]);
  });

  it('comparePython orders by code point', () => {
    const names = ['😀.png', 'ｚ.png', 'a', 'B', '10', '1.'];
    expect([...names].sort(comparePython)).toEqual(['1.', '10', 'B', 'a', 'ｚ.png', '😀.png']);
  });

  it('makeLabel follows Keras class modes', () => {
    expect(Array.from(makeLabel(2, 4, 'categorical') as Float32Array)).toEqual([0, 0, 1, 0]);
    expect(makeLabel(1, 2, 'binary')).toBe(1);
    expect(makeLabel(3, 4, 'sparse')).toBe(3);
    expect(makeLabel(0, 4, 'input')).toBeNull();
    expect(makeLabel(0, 4, null)).toBeNull();
    expect(() => makeLabel(4, 4, 'sparse')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('shuffleIndices is a deterministic permutation per (seed, epoch)', () => {
    const a = shuffleIndices(1000, 42);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(shuffleIndices(1000, 42)).toEqual(a);
    expect(shuffleIndices(1000, 42, 1)).not.toEqual(a);
    expect(shuffleIndices(1000, 43)).not.toEqual(a);
    expect(Array.from(shuffleIndices(8, 'seed'))).toEqual(Array.from(shuffleIndices(8, 'seed')));
    expect(shuffleIndices(0, 1)).toHaveLength(0);
    // Pinned: the order must never change across releases or runtimes (manifests replay it).
    expect(Array.from(shuffleIndices(10, 7))).toMatchInlineSnapshot(`
      [
        4,
        8,
        5,
        9,
        0,
        2,
        6,
        7,
        3,
        1,
      ]
    `);
    expect(() => shuffleIndices(-1, 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => shuffleIndices(3, 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
