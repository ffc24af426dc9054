/**
 * Recognises a pipeline that is exactly one `imageDataGenerator` op (p = 1): it compiles to the Keras
 * fast path — today's single fused kernel call per output, same bytes and speed.
 */
import type { CompiledNode } from './core/types.js';
import { specOf } from './image-data-generator/index.js';
import type { NormalizedSpec } from '../spec/spec.js';

/** The spec and mode of a one-op Keras pipeline, or null. */
export function keraSpecOfPipeline(nodes: readonly CompiledNode[]): { spec: NormalizedSpec; kerasCompat: boolean } | null {
  if (nodes.length !== 1 || nodes[0]!.op !== 'imageDataGenerator' || nodes[0]!.p !== 1) return null;
  return { spec: specOf(nodes[0]!.config), kerasCompat: nodes[0]!.config.kerasCompat === true };
}
