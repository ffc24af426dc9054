/**
 * Upload manifests: the record that travels with augmented images (to a bucket, a labelling tool, a
 * training job) so every variant can be audited and replayed — which source, which item index,
 * which sampled params, which encoder settings, and the sha256 of both the source and the output.
 * Hashing uses WebCrypto (`globalThis.crypto.subtle`), present in Node ≥ 20, Deno, Bun, workerd and
 * browsers (secure contexts).
 */
import { EdgeAugmentError } from '../errors.js';
import { sniffImage } from './sniff.js';

/** Current manifest format version. */
export const MANIFEST_FORMAT_VERSION = 1 as const;

/** One source image. */
export interface ManifestSource {
  /** File name or caller-chosen identifier. */
  name: string;
  /** Lower-case hex sha256 of the encoded source bytes. */
  sha256: string;
  width: number;
  height: number;
}

/** One produced (augmented, encoded) image. */
export interface ManifestVariant {
  /** Index into `sources`. */
  source: number;
  /** Item index the params were drawn for (`(seed, index)` → params). */
  index: number;
  /** The params that made this variant (the augmenter's per-item params, JSON-safe). */
  params: Record<string, unknown>;
  format: 'png' | 'jpeg' | 'webp';
  /** Encoder quality (0..100); omitted for PNG. */
  quality?: number;
  /** Lower-case hex sha256 of the encoded output. */
  sha256: string;
  /** Size of the encoded output in bytes. */
  bytes: number;
}

/** An upload manifest (JSON-safe). */
export interface UploadManifest {
  formatVersion: typeof MANIFEST_FORMAT_VERSION;
  /** The augmentation seed (number or string, as given to the augmenter). */
  seed: number | string;
  /** The augmentation spec (the augmenter's normalised spec, JSON-safe). */
  spec: Record<string, unknown>;
  /** Whether Keras-compatible quirks were reproduced. */
  kerasCompat: boolean;
  sources: ManifestSource[];
  variants: ManifestVariant[];
}

/**
 * Lower-case hex sha256 of bytes (WebCrypto).
 *
 * @throws {EdgeAugmentError} `UNSUPPORTED_RUNTIME` when `crypto.subtle` is missing (e.g. an insecure
 *   browser context), `INVALID_ARGUMENT` for other input types.
 * @example
 * ```ts
 * await sha256Hex(new TextEncoder().encode('abc')); // 'ba7816bf…f20015ad'
 * ```
 */
export async function sha256Hex(bytes: Uint8Array | ArrayBuffer | Blob): Promise<string> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) {
    throw new EdgeAugmentError('UNSUPPORTED_RUNTIME', 'sha256Hex needs WebCrypto (globalThis.crypto.subtle); in browsers it exists only in secure contexts (https or localhost).');
  }
  let data: Uint8Array;
  if (bytes instanceof Uint8Array) data = bytes;
  else if (bytes instanceof ArrayBuffer) data = new Uint8Array(bytes);
  else if (typeof Blob === 'function' && bytes instanceof Blob) data = new Uint8Array(await bytes.arrayBuffer());
  else throw new EdgeAugmentError('INVALID_ARGUMENT', 'sha256Hex expects a Uint8Array, ArrayBuffer or Blob.');
  const digest = new Uint8Array(await subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Starts an empty manifest.
 *
 * @example
 * ```ts
 * const m = createManifest({ seed: 42, spec: augmenter.spec, kerasCompat: true });
 * ```
 */
export function createManifest(init: { seed: number | string; spec: Record<string, unknown>; kerasCompat: boolean }): UploadManifest {
  return { formatVersion: MANIFEST_FORMAT_VERSION, seed: init.seed, spec: init.spec, kerasCompat: init.kerasCompat, sources: [], variants: [] };
}

/**
 * Hashes an encoded source image, reads its size from the header, appends it to `manifest.sources`
 * and returns its index.
 *
 * @throws {EdgeAugmentError} sniffing errors (`UNSUPPORTED_FORMAT`, `EMPTY_INPUT`, …).
 */
export async function addManifestSource(manifest: UploadManifest, name: string, encoded: Uint8Array): Promise<number> {
  const h = sniffImage(encoded, { maxPixels: Number.MAX_SAFE_INTEGER });
  manifest.sources.push({ name, sha256: await sha256Hex(encoded), width: h.width, height: h.height });
  return manifest.sources.length - 1;
}

/**
 * Hashes an encoded variant and appends it to `manifest.variants`; returns the entry.
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` when `source` is not an index of `manifest.sources`.
 */
export async function addManifestVariant(
  manifest: UploadManifest,
  v: { source: number; index: number; params: Record<string, unknown>; format: ManifestVariant['format']; quality?: number; encoded: Uint8Array },
): Promise<ManifestVariant> {
  if (!Number.isInteger(v.source) || v.source < 0 || v.source >= manifest.sources.length) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', `Variant source ${v.source} is not an index of manifest.sources (length ${manifest.sources.length}).`);
  }
  const entry: ManifestVariant = { source: v.source, index: v.index, params: v.params, format: v.format, sha256: await sha256Hex(v.encoded), bytes: v.encoded.length };
  if (v.format !== 'png' && v.quality !== undefined) entry.quality = v.quality;
  manifest.variants.push(entry);
  return entry;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Checks that `json` (a parsed manifest, or its JSON text) is a well-formed {@link UploadManifest}
 * and returns it typed. Every problem is collected; the error message names the first and
 * `details.problems` lists all as `{ path, message }` (JSON-pointer paths such as `/variants/3/sha256`).
 *
 * @throws {EdgeAugmentError} `INVALID_ARGUMENT` for malformed manifests or unparsable JSON text.
 * @example
 * ```ts
 * const m = validateManifest(await (await fetch('manifest.json')).json());
 * ```
 */
export function validateManifest(json: unknown): UploadManifest {
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (e) {
      throw new EdgeAugmentError('INVALID_ARGUMENT', `The manifest is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
  }
  const problems: { path: string; message: string }[] = [];
  const bad = (path: string, message: string) => { problems.push({ path, message }); };
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const nonNegInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  const posInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

  if (!isObj(json)) {
    throw new EdgeAugmentError('INVALID_ARGUMENT', 'The manifest must be a JSON object.', { details: { problems: [{ path: '', message: 'not an object' }] } });
  }
  const m = json;
  if (m.formatVersion !== MANIFEST_FORMAT_VERSION) bad('/formatVersion', `must be ${MANIFEST_FORMAT_VERSION} (got ${JSON.stringify(m.formatVersion)})`);
  if (!((typeof m.seed === 'number' && Number.isFinite(m.seed)) || typeof m.seed === 'string')) bad('/seed', 'must be a finite number or a string');
  if (!isObj(m.spec)) bad('/spec', 'must be an object');
  if (typeof m.kerasCompat !== 'boolean') bad('/kerasCompat', 'must be a boolean');
  const nSources = Array.isArray(m.sources) ? m.sources.length : 0;
  if (!Array.isArray(m.sources)) bad('/sources', 'must be an array');
  else m.sources.forEach((s, i) => {
    const p = `/sources/${i}`;
    if (!isObj(s)) return bad(p, 'must be an object');
    if (typeof s.name !== 'string' || s.name === '') bad(`${p}/name`, 'must be a non-empty string');
    if (typeof s.sha256 !== 'string' || !HEX64.test(s.sha256)) bad(`${p}/sha256`, 'must be 64 lower-case hex digits');
    if (!posInt(s.width)) bad(`${p}/width`, 'must be a positive integer');
    if (!posInt(s.height)) bad(`${p}/height`, 'must be a positive integer');
  });
  if (!Array.isArray(m.variants)) bad('/variants', 'must be an array');
  else m.variants.forEach((v, i) => {
    const p = `/variants/${i}`;
    if (!isObj(v)) return bad(p, 'must be an object');
    if (!nonNegInt(v.source) || (v.source as number) >= nSources) bad(`${p}/source`, `must be an index of sources (0..${nSources - 1})`);
    if (!nonNegInt(v.index)) bad(`${p}/index`, 'must be a non-negative integer');
    if (!isObj(v.params)) bad(`${p}/params`, 'must be an object');
    if (v.format !== 'png' && v.format !== 'jpeg' && v.format !== 'webp') bad(`${p}/format`, 'must be png, jpeg or webp');
    if (v.quality !== undefined && !(typeof v.quality === 'number' && v.quality >= 0 && v.quality <= 100)) bad(`${p}/quality`, 'must be a number in 0..100');
    if (typeof v.sha256 !== 'string' || !HEX64.test(v.sha256)) bad(`${p}/sha256`, 'must be 64 lower-case hex digits');
    if (!posInt(v.bytes)) bad(`${p}/bytes`, 'must be a positive integer');
  });
  if (problems.length) {
    const first = problems[0];
    throw new EdgeAugmentError(
      'INVALID_ARGUMENT',
      `Invalid manifest: ${first.path || '(root)'} ${first.message}` + (problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '') + '.',
      { details: { problems } },
    );
  }
  return m as unknown as UploadManifest;
}

/**
 * Checks encoded bytes against a variant's recorded sha256 and size.
 *
 * @example
 * ```ts
 * if (!(await verifyVariant(m.variants[0], bytes))) throw new Error('tampered');
 * ```
 */
export async function verifyVariant(variant: ManifestVariant, encoded: Uint8Array): Promise<boolean> {
  return encoded.length === variant.bytes && (await sha256Hex(encoded)) === variant.sha256;
}
