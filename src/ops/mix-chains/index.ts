/**
 * `mixChains`: out = trunc(w₀·img + Σᵢ wᵢ·chainᵢ(img)) computed in float32 in torchvision AugMix's
 * order (w₀·img first, then each chain's term added in turn), cast back to uint8 by truncation as
 * torch's `.to(torch.uint8)`. Each chain is a list of leaf ops with explicit params, run on the input.
 * What `augMix` expands to; its params replay an AugMix output exactly.
 */
import { EdgeAugmentError, type EdgeAugmentErrorCode } from '../../errors.js';
import { describeValue, normalizeFields } from '../core/fields.js';
import type { ImageInfo, OpDef, Stage } from '../core/types.js';
import { getOp } from '../registry.js';
import { stageOutInfo } from '../stages/index.js';
import type { MixStage } from '../stages/mix.js';

interface Params {
  original: number;
  weights: readonly number[];
  chains: unknown;
}

const MAX_CHAIN_OPS = 64;

interface Call {
  def: OpDef;
  params: Record<string, unknown>;
}

/** Checks the chains (one per weight, each a list of leaf ops with valid params) and normalises their params. */
function normalizeChains(chains: unknown, n: number, code: EdgeAugmentErrorCode): Call[][] {
  if (!Array.isArray(chains) || chains.length !== n) {
    throw new EdgeAugmentError(code, `mixChains.chains: expected ${n} chains (one per weight), got ${describeValue(chains)}.`, { details: { field: 'mixChains.chains' } });
  }
  return chains.map((chain: unknown, i) => {
    const where = `mixChains.chains[${i}]`;
    if (!Array.isArray(chain) || chain.length > MAX_CHAIN_OPS) {
      throw new EdgeAugmentError(code, `${where}: expected a list of at most ${MAX_CHAIN_OPS} ops [{ op, params }], got ${describeValue(chain)}.`, { details: { field: where } });
    }
    return chain.map((call: unknown, j): Call => {
      const at = `${where}[${j}]`;
      if (call === null || typeof call !== 'object' || Array.isArray(call)) throw new EdgeAugmentError(code, `${at}: expected { op, params }, got ${describeValue(call)}.`, { details: { field: at } });
      const { op, params = {} } = call as { op?: unknown; params?: unknown };
      const def = typeof op === 'string' ? getOp(op) : undefined;
      if (!def?.lower || def.name === 'mixChains') throw new EdgeAugmentError(code, `${at}.op: expected a leaf op other than mixChains, got ${describeValue(op)}.`, { details: { field: `${at}.op` } });
      if (params === null || typeof params !== 'object' || Array.isArray(params)) throw new EdgeAugmentError(code, `${at}.params: expected an object, got ${describeValue(params)}.`, { details: { field: `${at}.params` } });
      return { def, params: normalizeFields(def.params, params as Record<string, unknown>, `${at}(${def.name})`, code) };
    });
  });
}

function lowerChain(chain: readonly Call[], i: number, info: ImageInfo): Stage[] {
  const stages: Stage[] = [];
  let cur = info;
  for (const { def, params } of chain) {
    for (const s of def.lower!(params as never, cur)) {
      stages.push(s);
      cur = stageOutInfo(s, cur);
    }
  }
  if (cur.width !== info.width || cur.height !== info.height || cur.channels !== info.channels) {
    throw new EdgeAugmentError('INVALID_PARAMS', `mixChains.chains[${i}]: a chain must keep the image size and channels (${info.width}×${info.height}×${info.channels}), got ${cur.width}×${cur.height}×${cur.channels}.`, { details: { field: `mixChains.chains[${i}]` } });
  }
  return stages;
}

/**
 * Weighted mix of the input and op chains run on it (AugMix's mixing, float32, truncated).
 *
 * @example
 * ```ts
 * // what one augMix output replays as (see its params):
 * const params = [{ op: 'mixChains', params: { original: 0.25, weights: [0.5, 0.25], chains: [[{ op: 'invert', params: {} }], []] } }];
 * ```
 */
export const op: OpDef<Params, Params> = {
  name: 'mixChains',
  summary: 'Weighted float32 mix of the image and op chains run on it (what augMix expands to).',
  example: { original: 0.4, weights: [0.6], chains: [[{ op: 'posterize', params: { bits: 3 } }, { op: 'solarize', params: { threshold: 128 } }]] },
  reference: 'torchvision 0.14 transforms.AugMix.forward (mixing)',
  config: {
    original: { type: 'number', min: 0, max: 1, doc: 'weight of the input image' },
    weights: { type: 'numbers', min: 0, max: 1, minLength: 1, maxLength: 16, doc: 'weight of each chain (used as float32)' },
    chains: { type: 'json', doc: 'the chains: per chain a list of leaf ops [{ op, params }] run on the input' },
  },
  params: {
    original: { type: 'number', min: 0, max: 1, doc: 'weight of the input image' },
    weights: { type: 'numbers', min: 0, max: 1, minLength: 1, maxLength: 16, doc: 'weight of each chain (used as float32)' },
    chains: { type: 'json', doc: 'the chains: per chain a list of leaf ops [{ op, params }] run on the input' },
  },
  check(c) {
    normalizeChains(c.chains, c.weights.length, 'INVALID_SPEC');
  },
  sample: (c) => ({ original: c.original, weights: [...c.weights], chains: JSON.parse(JSON.stringify(c.chains ?? null)) }),
  lower(p, info) {
    const chains = normalizeChains(p.chains, p.weights.length, 'INVALID_PARAMS').map((ch, i) => lowerChain(ch, i, info));
    const stage: MixStage = { kind: 'mix', original: p.original, weights: [...p.weights], chains };
    return [stage];
  },
};
