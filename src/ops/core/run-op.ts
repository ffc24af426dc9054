/**
 * Runs one op with explicit params on one image, in this realm (the functional API's engine).
 */
import { EdgeAugmentError } from '../../errors.js';
import type { RawImage } from '../../types.js';
import { validateImage } from '../../engine/validate.js';
import { normalizeFields } from './fields.js';
import { runStages } from './execute.js';
import { loadOpsWasm, type OpsWasm } from './wasm.js';
import type { Img, OpDef } from './types.js';
import { getOp } from '../registry.js';

let wasm: OpsWasm | undefined;

/**
 * Applies op `name` with `params` (its param table: validated, defaults filled) to `image`. Never
 * modifies the input. Unfused: one op, its own roundings, as the reference library does it.
 *
 * @throws {EdgeAugmentError} `INVALID_IMAGE`, `INVALID_ARGUMENT` (bad params), `WASM_INIT_FAILED`.
 */
export async function runOp(name: string, params: Record<string, unknown>, image: RawImage): Promise<RawImage> {
  const def: OpDef | undefined = getOp(name);
  if (!def?.lower) throw new EdgeAugmentError('INTERNAL', `runOp: '${name}' is not a leaf op.`);
  const img = validateImage(image) as Img;
  const p = normalizeFields(def.params, params, name, 'INVALID_ARGUMENT');
  const stages = def.lower(p, { width: img.width, height: img.height, channels: img.channels });
  wasm ??= await loadOpsWasm();
  return runStages(img, stages, { wasm }, { fuse: false });
}
