/**
 * The op pipeline's vocabulary: images, ops, stages. An op is one folder under `src/ops/<name>/` that
 * exports an {@link OpDef}; the registry (`src/ops/registry.ts`) lists them, one line each. Everything
 * else — config validation, replay of explicit params, JSON pipelines, the docs table and the demo's
 * form — is derived from the op's field tables, never from hand-kept positional layouts.
 *
 * Flow for one output (item `index` under `seed`):
 *   pipeline nodes → (per node: its own random stream keyed by its path) → params → stages → passes → pixels
 */
import type { FieldTable } from './fields.js';
import type { OpRandom } from './random.js';

/** An interleaved u8 image the stages work on (a RawImage whose data is a Uint8Array). */
export interface Img {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Size and channels of the image at some point of a pipeline (what sampling and lowering may look at). */
export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
}

/**
 * One step of pixel work, with named attributes (no positional blocks). `kind` selects a stage kernel
 * from `src/ops/stages/`; the fuser may merge adjacent stages of some kinds.
 */
export interface Stage {
  readonly kind: string;
  readonly [attr: string]: unknown;
}

/** The params of one applied op, as recorded in every output (replayable, JSON-able). */
export interface AppliedOp {
  /** Registry name of the op. */
  op: string;
  /**
   * Where it sits in the pipeline, as keys joined by '/': a node's key is its `id` if given, else
   * `<op>#<k>` (k-th node of that op among its siblings) — e.g. "colorJitter#0", "oneOf#0/blur#1".
   * Its random stream is keyed by this, so adding, removing or reordering *other* ops never changes
   * its draws.
   */
  path: string;
  /** Self-contained params: lowering needs nothing else (config constants such as fill are copied in). */
  params: Record<string, unknown>;
}

/** What a composite op (compose, oneOf, policies) expands to for one output. */
export type Expansion =
  | { node: CompiledNode }
  | { key: string; op: string; params: Record<string, unknown> };

/** A validated pipeline node: an op and its normalised config. */
export interface CompiledNode {
  readonly op: string;
  /** Stream key among its siblings: the node's `id`, else `<op>#<k>`. */
  readonly key: string;
  /** The user's `id`, if given. */
  readonly id?: string;
  /** Probability this node runs (default 1). */
  readonly p: number;
  readonly config: Readonly<Record<string, unknown>>;
  /** Children of composite nodes (compose / oneOf / someOf), already compiled. */
  readonly children?: readonly CompiledNode[];
}

/**
 * An op. Leaf ops implement `sample` + `lower`; composite ops implement `expand`.
 *
 * - `sample(config, rng, info)` draws this op's params from its own stream (never another op's), so
 *   adding or removing an op elsewhere never changes them. It must copy into the params every constant
 *   `lower` needs: params alone replay the op.
 * - `lower(params, info)` is pure: the stages that do the op on an image of `info`.
 */
export interface OpDef<C extends object = Record<string, any>, P extends object = Record<string, any>> {
  /** Registry name (camelCase): what `{ op: … }` says. */
  readonly name: string;
  /** One line for the docs table and error messages. */
  readonly summary: string;
  /** Where the semantics come from (e.g. 'torchvision 0.14 F.adjust_hue'). */
  readonly reference?: string;
  /**
   * A typical config (what the docs' picture, the README table and the demo's "add op" use). Required
   * when a config field has no default.
   */
  readonly example?: Readonly<Record<string, unknown>>;
  /** Config fields: validation, defaults, docs, demo form. */
  readonly config: FieldTable;
  /** Param fields (what replay accepts; checked before lowering explicit params). */
  readonly params: FieldTable;
  /** Cross-field checks of a normalised config (throw `INVALID_SPEC`); run when the pipeline is compiled. */
  check?(config: C): void;
  /** For composite ops: config fields that hold child pipelines. */
  readonly childFields?: readonly string[];
  sample?(config: C, rng: OpRandom, info: ImageInfo): P;
  lower?(params: P, info: ImageInfo): Stage[];
  expand?(config: C, rng: OpRandom, info: ImageInfo, children: readonly CompiledNode[]): Expansion[];
}

/** A stage kernel: how one stage kind runs (and how it changes the image size). */
export interface StageKernel {
  readonly kind: string;
  /** Output size/channels for an input of `info` (default: unchanged). */
  outInfo?(stage: Stage, info: ImageInfo): ImageInfo;
  /**
   * Runs the stage. May return `src` itself when it works in place, or a new image. Must not keep
   * references to `src` after returning. Async only where a codec is involved.
   */
  run(src: Img, stage: Stage, ctx: StageContext): Img | Promise<Img>;
  /**
   * Targets (masks, boxes, keypoints — issue 11): the stage a **mask** goes through instead of this one.
   * Contract for every stage kind:
   * - A pixel-only stage (colour, tables, blur, noise, erase, JPEG, …) returns `null`: masks, boxes and
   *   keypoints are left as they are (use the shared `pixelOnly` from `src/ops/stages/util.ts`).
   * - A geometric stage returns the same geometry with **nearest** sampling and **fill 0** (no colour
   *   change, no reflection/edge padding: the area that comes from outside the source is background),
   *   and must also implement {@link StageKernel.mapPoints}. The mask stage may be of another kind.
   *   It must not depend on the image's channels (masks have their own).
   * - A stage that cannot move targets faithfully throws `EdgeAugmentError('UNSUPPORTED_TARGETS', …)`
   *   (e.g. `mix` whose chains move pixels differently).
   * - A kernel that does not declare `maskStage` cannot be used with targets: any output with targets
   *   whose stages include it fails with `UNSUPPORTED_TARGETS` (never a silent pass-through).
   * `info` is the stage's input size (the image's, not the mask's channels).
   */
  maskStage?(stage: Stage, info: ImageInfo): Stage | null;
  /**
   * Geometric stages: moves points forward through the stage, in place. `xy` holds x, y pairs in
   * continuous pixel coordinates with the pixel-corner convention (pixel column i spans [i, i + 1);
   * the image is [0, width] × [0, height]; boxes' edges and keypoints use it). `info` is the stage's
   * input size. Points may land outside the output (the caller clips or flags them); a point with no
   * image (e.g. behind a perspective horizon) becomes NaN.
   */
  mapPoints?(stage: Stage, xy: Float64Array, info: ImageInfo): void;
  /**
   * True when `mapPoints` keeps straight lines straight (projective: warps, crops, resizes, flips), so
   * a box maps through its 4 corners; otherwise (remap) boxes map through points sampled along their edges.
   */
  readonly projective?: boolean;
}

/** What a stage kernel may use besides its input. */
export interface StageContext {
  /**
   * WASM kernels, once loaded (the executor loads them; stages fall back to TypeScript without).
   * @internal
   */
  readonly wasm?: import('./wasm.js').OpsWasm;
}
