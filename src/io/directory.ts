/**
 * Folder datasets with Keras `flow_from_directory` semantics (keras/src/legacy/preprocessing/image.py:
 * `DirectoryIterator`, `_list_valid_filenames_in_directory`, `_iter_valid_files`), from a Node/Deno/Bun
 * path, a browser `FileSystemDirectoryHandle`, or a `FileList`/`File[]` from
 * `<input type="file" webkitdirectory>`. The result is a plain description; the batching iterator is
 * built on top of it (with {@link shuffleIndices} and {@link readDatasetFile}).
 *
 * Keras rules reproduced here:
 * - classes: `sorted(os.listdir(dir))` keeping entries that are directories (symlinks to directories
 *   count, whatever `followLinks` says); or the caller's `classes` list, in the caller's order.
 *   `classIndices[name]` is the position in that list.
 * - files of one class: `sorted(os.walk(classDir, followlinks), key=root)` — every directory under the
 *   class folder, ordered by its whole path string — then `sorted(files)` inside each directory.
 *   Python sorts strings by code point (not UTF-16 unit, not locale): `"B" < "a"`, `"sub-x" < "sub/deep"`.
 * - a file is kept when `name.lower().endswith(ext)` for one of png, jpg, jpeg, bmp, ppm, tif, tiff —
 *   note: without a dot, so `photo_png` is kept too (Keras does the same).
 * - validation split per class of n files: `validation` = files `[0, int(split·n))`,
 *   `training` = `[int(split·n), n)`; `int()` truncates the double product, exactly as Python does.
 *   Without `subset`, `validationSplit` is ignored (all files).
 * - order: all files of class 0, then class 1, …; `labels[i]` is the class index of file i.
 */
import { nodeFs, nodePath } from '../platform/node.js';
import { EdgeAugmentError } from '../errors.js';
import { hash4, normalizeSeed } from '../plan/rng.js';

/** Keras's `white_list_formats`. */
export const KERAS_IMAGE_EXTENSIONS: readonly string[] = /* #__PURE__ */ Object.freeze(['png', 'jpg', 'jpeg', 'bmp', 'ppm', 'tif', 'tiff']);

/** Keras `class_mode` values (`null`/`'none'` = no labels). */
export type ClassMode = 'categorical' | 'binary' | 'sparse' | 'input' | 'none' | null;

/** A duck-typed `FileSystemDirectoryHandle` (File System Access API / OPFS). */
export interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  entries?(): AsyncIterable<[string, DirectoryHandleLike | FileHandleLike]>;
  values?(): AsyncIterable<DirectoryHandleLike | FileHandleLike>;
}

/** A duck-typed `FileSystemFileHandle`. */
export interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<Blob & { name?: string; size: number }>;
}

/** A `File` as `<input webkitdirectory>` gives it (react-dropzone-style `path` is accepted too). */
export interface RelativeFileLike extends Blob {
  name: string;
  webkitRelativePath?: string;
  path?: string;
}

/** Where a dataset comes from. */
export type DirectorySource = string | DirectoryHandleLike | ArrayLike<RelativeFileLike> | Iterable<RelativeFileLike>;

/** Options of {@link listDirectory} (Keras `flow_from_directory` arguments, camelCased). */
export interface ListDirectoryOptions {
  /** Accepted endings, matched on the lower-cased file name (Keras `endswith`). Default {@link KERAS_IMAGE_EXTENSIONS}. */
  extensions?: readonly string[];
  /** Follow symbolic links to sub-directories inside class folders (paths only). Default false. */
  followLinks?: boolean;
  /** Explicit class list (Keras `classes`): order defines indices; missing folders give 0 files. */
  classes?: readonly string[];
  /** Fraction in [0, 1) reserved for validation (Keras `ImageDataGenerator(validation_split=…)`). */
  validationSplit?: number;
  /** Which part to list when `validationSplit` is used. Without it, every file is listed. */
  subset?: 'training' | 'validation';
  /** Keras `class_mode`; only validated and echoed (labels come from {@link makeLabel}). Default 'categorical'. */
  classMode?: ClassMode;
}

/** One image file of a dataset. */
export interface DatasetFile {
  /** Path as Keras's `filepaths` gives it: `join(directory, relativePath)` for path sources; `relativePath` otherwise. */
  path: string;
  /** Keras `filenames` entry: `className/sub/…/file`, '/'-separated. */
  relativePath: string;
  className: string;
  classIndex: number;
  /** Size in bytes when known without reading (path sources, File objects). */
  size?: number;
  /** What {@link readDatasetFile} reads: the File / FileSystemFileHandle (absent for path sources). */
  source?: RelativeFileLike | FileHandleLike;
}

/** What {@link listDirectory} returns. Keras names: `filenames` ↔ `files[].relativePath`, `classes` (per sample) ↔ `labels`. */
export interface DirectoryListing {
  files: DatasetFile[];
  /** Class names in index order (Keras: the keys of `class_indices`, by value). */
  classes: string[];
  /** Keras `class_indices`. */
  classIndices: Record<string, number>;
  /** Keras `DirectoryIterator.classes`: the class index of every file, in file order. */
  labels: number[];
  classMode: ClassMode;
}

/**
 * Compares two strings as Python 3 does: by Unicode code point. (JavaScript's default sort compares
 * UTF-16 code units, which orders astral characters such as emoji before U+E000–U+FFFF.)
 */
export function comparePython(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y; // both surrogates (same order as code points) or both BMP
    return xs ? 1 : -1; // a surrogate encodes a code point ≥ U+10000 > any BMP unit
  }
  return a.length - b.length;
}

/**
 * Keras's split bounds for a class of `n` files: `[int(lo·n), int(hi·n))` with `(lo, hi)` =
 * `(0, split)` for validation and `(split, 1)` for training.
 */
export function splitBounds(n: number, validationSplit: number, subset: 'training' | 'validation'): [number, number] {
  return subset === 'validation' ? [0, Math.trunc(validationSplit * n)] : [Math.trunc(validationSplit * n), Math.trunc(1 * n)];
}

/** A node of the abstract tree walked by {@link listDirectory}. */
interface Node {
  name: string;
  kind: 'file' | 'directory' | 'dirlink';
  size?: number;
  source?: RelativeFileLike | FileHandleLike;
  children?: () => Promise<Node[]>;
}

function validateOptions(o: ListDirectoryOptions): { exts: string[]; split?: number; subset?: 'training' | 'validation'; classMode: ClassMode } {
  const classMode = o.classMode === undefined ? 'categorical' : o.classMode;
  if (!['categorical', 'binary', 'sparse', 'input', 'none', null].includes(classMode as string)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `Invalid classMode ${String(classMode)}; expected one of categorical, binary, sparse, input, none (or null).`);
  }
  const vs = o.validationSplit ?? 0;
  if (typeof vs !== 'number' || !(vs >= 0 && vs < 1)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `validationSplit must be a number in [0, 1) (Keras: strictly between 0 and 1, or 0), got ${String(vs)}.`);
  }
  if (o.subset !== undefined && o.subset !== 'training' && o.subset !== 'validation') {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `Invalid subset ${String(o.subset)}; expected "training" or "validation".`);
  }
  const exts = (o.extensions ?? KERAS_IMAGE_EXTENSIONS).map((e) => {
    if (typeof e !== 'string' || e.length === 0) throw new EdgeAugmentError('INVALID_ARGUMENT', 'extensions must be non-empty strings.');
    return e.toLowerCase();
  });
  if (o.classes !== undefined && (!Array.isArray(o.classes) || o.classes.some((c) => typeof c !== 'string' || c === ''))) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', 'classes must be an array of non-empty folder names.');
  }
  return { exts, split: vs, subset: o.subset, classMode };
}

/**
 * Lists an image-folder dataset exactly as Keras's `flow_from_directory` would (see the module
 * comment for the rules).
 *
 * Differences forced by the sources: a `FileList` cannot show empty folders (a class folder without
 * files is invisible), and neither a `FileList` nor a directory handle has symbolic links. With
 * `followLinks: true`, a link back to an ancestor directory is not followed again (Python would loop
 * until the OS refuses).
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for bad options or an unrecognised source,
 *   `IO_ERROR` when the root cannot be read.
 * @example
 * ```ts
 * const train = await listDirectory('data/train', { validationSplit: 0.2, subset: 'training' });
 * console.log(train.classIndices, train.files.length);
 * ```
 */
export async function listDirectory(source: DirectorySource, options: ListDirectoryOptions = {}): Promise<DirectoryListing> {
  const { exts, split, subset, classMode } = validateOptions(options);
  let root: Node;
  let joinRoot: (rel: string) => string;
  if (typeof source === 'string') {
    root = await pathRoot(source, options.followLinks ?? false);
    joinRoot = await pathJoiner(source);
  } else if (isDirectoryHandle(source)) {
    root = handleNode(source);
    joinRoot = (rel) => rel;
  } else if (isFileCollection(source)) {
    root = fileListRoot(Array.from(source as ArrayLike<RelativeFileLike>));
    joinRoot = (rel) => rel;
  } else {
    throw new EdgeAugmentError('INVALID_ARGUMENT', 'listDirectory expects a path string, a FileSystemDirectoryHandle, or a FileList/File[] with webkitRelativePath.');
  }

  const top = await root.children!();
  let classes: string[];
  if (options.classes) {
    classes = [...options.classes];
  } else {
    classes = top.filter((n) => n.kind !== 'file').map((n) => n.name).sort(comparePython);
  }
  const classIndices: Record<string, number> = {};
  classes.forEach((c, i) => { classIndices[c] = i; });

  const files: DatasetFile[] = [];
  const labels: number[] = [];
  for (const [classIndex, className] of classes.entries()) {
    const dir = top.find((n) => n.name === className && n.kind !== 'file');
    if (!dir) continue; // Keras: os.walk of a missing folder yields nothing
    // os.walk(classDir): every reachable directory, then sorted by the root path string.
    const roots: { root: string; files: Node[] }[] = [];
    const walk = async (node: Node, rel: string) => {
      const kids = await node.children!();
      roots.push({ root: rel, files: kids.filter((k) => k.kind === 'file') });
      for (const k of kids) if (k.kind === 'directory') await walk(k, `${rel}/${k.name}`);
    };
    await walk(dir, className);
    roots.sort((a, b) => comparePython(a.root, b.root));
    const valid: { rel: string; node: Node }[] = [];
    for (const r of roots) {
      const names = [...r.files].sort((a, b) => comparePython(a.name, b.name));
      for (const f of names) {
        const lower = f.name.toLowerCase();
        if (exts.some((e) => lower.endsWith(e))) valid.push({ rel: `${r.root}/${f.name}`, node: f });
      }
    }
    const [start, stop] = subset ? splitBounds(valid.length, split ?? 0, subset) : [0, valid.length];
    for (const v of valid.slice(start, stop)) {
      const entry: DatasetFile = { path: joinRoot(v.rel), relativePath: v.rel, className, classIndex };
      if (v.node.size !== undefined) entry.size = v.node.size;
      if (v.node.source) entry.source = v.node.source;
      files.push(entry);
      labels.push(classIndex);
    }
  }
  if (typeof source === 'string') await addSizes(files);
  return { files, classes, classIndices, labels, classMode };
}

/**
 * A label as Keras's `DirectoryIterator` builds it for one sample: `categorical` → one-hot
 * `Float32Array(numClasses)`; `binary`/`sparse` → the class index as a number; `input`/`none`/null →
 * `null` (for `input` the target is the image itself).
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for an index outside `[0, numClasses)` or an unknown mode.
 * @example
 * ```ts
 * makeLabel(2, 3, 'categorical'); // Float32Array [0, 0, 1]
 * ```
 */
export function makeLabel(classIndex: number, numClasses: number, classMode: ClassMode): Float32Array | number | null {
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= numClasses) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `classIndex ${classIndex} is outside [0, ${numClasses}).`);
  }
  switch (classMode) {
    case 'categorical': {
      const y = new Float32Array(numClasses);
      y[classIndex] = 1;
      return y;
    }
    case 'binary':
    case 'sparse':
      return classIndex;
    case 'input':
    case 'none':
    case null:
      return null;
    default:
      throw new EdgeAugmentError('INVALID_ARGUMENT', `Invalid classMode ${String(classMode)}.`);
  }
}

/**
 * A deterministic permutation of `0..n-1` for `(seed, epoch)`: Fisher–Yates driven by the SDK's
 * counter-based hash (`src/plan/rng.ts`), so the same arguments give the same order in every runtime
 * and worker. Not numpy's permutation (Keras's shuffle order cannot be reproduced without numpy's
 * global RNG state).
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for a negative/non-integer `n` or a non-integer seed.
 * @example
 * ```ts
 * const order = shuffleIndices(listing.files.length, 42, epoch);
 * ```
 */
export function shuffleIndices(n: number, seed: number | string, epoch = 0): Uint32Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new EdgeAugmentError('INVALID_ARGUMENT', `n must be an integer in [0, 2³²), got ${String(n)}.`);
  const s = normalizeSeed(seed);
  if (Number.isNaN(s)) throw new EdgeAugmentError('INVALID_ARGUMENT', `seed must be an integer or a string, got ${String(seed)}.`);
  if (!Number.isInteger(epoch) || epoch < 0) throw new EdgeAugmentError('INVALID_ARGUMENT', `epoch must be a non-negative integer, got ${String(epoch)}.`);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const STREAM = 0x5348_5546; // "SHUF"
  for (let i = n - 1; i > 0; i--) {
    const hi = hash4(s, epoch, STREAM, 2 * i) >>> 5;
    const lo = hash4(s, epoch, STREAM, 2 * i + 1) >>> 6;
    const u = (hi * 67108864 + lo) / 9007199254740992;
    const j = Math.min(i, Math.floor(u * (i + 1)));
    const t = out[i]; out[i] = out[j]; out[j] = t;
  }
  return out;
}

/**
 * Reads the bytes of one listed file, whatever the source was.
 *
 * @throws {EdgeAugmentError} `IO_ERROR` when reading fails.
 */
export async function readDatasetFile(file: DatasetFile): Promise<Uint8Array> {
  try {
    const src = file.source;
    if (src && 'kind' in src && src.kind === 'file') return new Uint8Array(await (await src.getFile()).arrayBuffer());
    if (src && typeof (src as Blob).arrayBuffer === 'function') return new Uint8Array(await (src as Blob).arrayBuffer());
    const { readFile } = await nodeFs();
    return new Uint8Array(await readFile(file.path));
  } catch (e) {
    throw new EdgeAugmentError('IO_ERROR', `Cannot read ${file.path}: ${(e as Error)?.message ?? String(e)}`, { cause: e, details: { path: file.path } });
  }
}

// ---------------------------------------------------------------------------------------------
// Sources

function isDirectoryHandle(s: unknown): s is DirectoryHandleLike {
  const h = s as DirectoryHandleLike;
  return typeof s === 'object' && s !== null && h.kind === 'directory' && (typeof h.entries === 'function' || typeof h.values === 'function');
}

function isFileCollection(s: unknown): boolean {
  if (typeof s !== 'object' || s === null) return false;
  return typeof (s as ArrayLike<unknown>).length === 'number' || typeof (s as Iterable<unknown>)[Symbol.iterator] === 'function';
}

function handleNode(h: DirectoryHandleLike): Node {
  return {
    name: h.name,
    kind: 'directory',
    children: async () => {
      const out: Node[] = [];
      const it = h.values ? h.values() : (async function* () { for await (const [, v] of h.entries!()) yield v; })();
      for await (const v of it) {
        if (v.kind === 'directory') out.push(handleNode(v));
        else out.push({ name: v.name, kind: 'file', source: v });
      }
      return out;
    },
  };
}

function fileListRoot(list: RelativeFileLike[]): Node {
  interface Dir { dirs: Map<string, Dir>; files: Node[] }
  const mk = (): Dir => ({ dirs: new Map(), files: [] });
  const root = mk();
  const roots = new Set<string>();
  for (const f of list) {
    const rel = (f.webkitRelativePath || f.path || '').replace(/^\/+/, '');
    const parts = rel.split('/').filter((p) => p !== '');
    if (parts.length < 2) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `File "${f.name}" has no folder path (webkitRelativePath). Select the dataset folder with <input type="file" webkitdirectory>.`);
    }
    roots.add(parts[0]);
    let d = root;
    for (const p of parts.slice(1, -1)) {
      let next = d.dirs.get(p);
      if (!next) { next = mk(); d.dirs.set(p, next); }
      d = next;
    }
    d.files.push({ name: parts[parts.length - 1], kind: 'file', size: f.size, source: f });
  }
  if (roots.size > 1) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `The files come from ${roots.size} different folders (${[...roots].join(', ')}); pass one dataset folder.`);
  }
  const toNode = (name: string, d: Dir): Node => ({
    name,
    kind: 'directory',
    children: async () => [...[...d.dirs].map(([n, c]) => toNode(n, c)), ...d.files],
  });
  return toNode([...roots][0] ?? '', root);
}

async function pathJoiner(dir: string): Promise<(rel: string) => string> {
  const path = await nodePath();
  return (rel) => path.join(dir, ...rel.split('/'));
}

async function pathRoot(dir: string, followLinks: boolean): Promise<Node> {
  let fs: typeof import('node:fs/promises');
  let path: typeof import('node:path');
  try {
    fs = await nodeFs();
    path = await nodePath();
  } catch (e) {
    throw new EdgeAugmentError('UNSUPPORTED_RUNTIME', 'A path source needs node:fs (Node, Deno, Bun). In a browser pass a FileSystemDirectoryHandle or a FileList.', { cause: e });
  }
  try {
    const st = await fs.stat(dir);
    if (!st.isDirectory()) throw new Error('not a directory');
  } catch (e) {
    throw new EdgeAugmentError('IO_ERROR', `Cannot list dataset directory ${dir}: ${(e as Error).message}`, { cause: e, details: { path: dir } });
  }
  const node = (full: string, name: string, ancestors: readonly string[]): Node => ({
    name,
    kind: 'directory',
    children: async () => {
      const real = await fs.realpath(full).catch(() => full);
      const chain = [...ancestors, real];
      const out: Node[] = [];
      for (const d of await fs.readdir(full, { withFileTypes: true })) {
        const p = path.join(full, d.name);
        if (d.isDirectory()) {
          out.push(node(p, d.name, chain));
        } else if (d.isSymbolicLink()) {
          // os.walk: a link to a directory is a directory (walked only with followlinks); anything else, even broken, is a file.
          const st = await fs.stat(p).catch(() => null);
          if (st?.isDirectory()) {
            const target = await fs.realpath(p).catch(() => p);
            if (followLinks && !chain.includes(target)) out.push(node(p, d.name, chain));
            else out.push({ name: d.name, kind: 'dirlink', children: async () => (ancestors.length === 0 ? node(p, d.name, chain).children!() : []) });
          } else {
            out.push({ name: d.name, kind: 'file' });
          }
        } else {
          out.push({ name: d.name, kind: 'file' });
        }
      }
      return out;
    },
  });
  return node(dir, '', []);
}

async function addSizes(files: DatasetFile[]): Promise<void> {
  const fs = await nodeFs();
  await Promise.all(files.map(async (f) => {
    const st = await fs.stat(f.path).catch(() => null);
    if (st) f.size = st.size;
  }));
}
