/**
 * Pipelines: validation of `{ op, …config }` lists against the registry, per-output sampling (each node
 * from its own stream keyed by its path), lowering to stages, replay of recorded params, and JSON.
 */
import { EdgeAugmentError } from '../../errors.js';
import { describeValue, normalizeFields } from './fields.js';
import { OpRandom } from './random.js';
import type { AppliedOp, CompiledNode, ImageInfo, OpDef, Stage } from './types.js';
import { getOp, opNames } from '../registry.js';
import { stageOutInfo } from '../stages/index.js';

/** One pipeline node as users write it: `{ op: 'colorJitter', brightness: 0.4, p: 0.8 }`. */
export interface PipelineNodeJSON {
  op: string;
  /** Probability that this op runs (default 1). */
  p?: number;
  /**
   * Names this node's random stream (default `<op>#<k>`, the k-th node of that op among its siblings).
   * Give ids to keep a node's draws when you insert another node of the same op before it.
   */
  id?: string;
  [option: string]: unknown;
}

/** A pipeline as users write it. */
export type PipelineJSON = PipelineNodeJSON[];

const MAX_DEPTH = 32;
const MAX_NODES = 10_000;

function closest(name: string, names: readonly string[]): string | undefined {
  const low = name.toLowerCase().replace(/[_-]/g, '');
  return names.find((n) => n.toLowerCase() === low) ?? names.find((n) => n.toLowerCase().includes(low) || low.includes(n.toLowerCase()));
}

/**
 * Validates a pipeline (a list of nodes, or one node) and fills in defaults.
 *
 * @throws {EdgeAugmentError} `INVALID_SPEC` naming the node path, the option and what is allowed; an
 *   unknown op is named with the closest known one.
 */
export function compilePipeline(spec: unknown, where = 'pipeline'): CompiledNode[] {
  let count = 0;
  const node = (raw: unknown, at: string, depth: number, key: string): CompiledNode => {
    if (++count > MAX_NODES) throw new EdgeAugmentError('INVALID_SPEC', `${where}: more than ${MAX_NODES} ops.`);
    if (depth > MAX_DEPTH) throw new EdgeAugmentError('INVALID_SPEC', `${at}: pipelines nest at most ${MAX_DEPTH} deep.`);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new EdgeAugmentError('INVALID_SPEC', `${at}: expected an op object such as { op: 'hflip' }, got ${describeValue(raw)}.`);
    }
    const r = raw as Record<string, unknown>;
    if (typeof r.op !== 'string') throw new EdgeAugmentError('INVALID_SPEC', `${at}.op: expected the name of an op (one of ${opNames().join(', ')}), got ${describeValue(r.op)}.`);
    const def = getOp(r.op);
    if (!def) {
      const near = closest(r.op, opNames());
      throw new EdgeAugmentError('INVALID_SPEC', `${at}.op: unknown op '${r.op}'${near ? ` (did you mean '${near}'?)` : ''}; known ops: ${opNames().join(', ')}.`, { details: { field: `${at}.op`, op: r.op } });
    }
    let p = 1;
    if (r.p !== undefined) {
      if (typeof r.p !== 'number' || !(r.p >= 0 && r.p <= 1)) throw new EdgeAugmentError('INVALID_SPEC', `${at}.p: got ${describeValue(r.p)}; allowed: a probability from 0 to 1.`);
      p = r.p;
    }
    if (r.id !== undefined && (typeof r.id !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(r.id))) {
      throw new EdgeAugmentError('INVALID_SPEC', `${at}.id: got ${describeValue(r.id)}; allowed: 1–64 letters, digits or _ . : -`);
    }
    const config = normalizeFields(def.config, r, `${at}(${def.name})`, 'INVALID_SPEC', ['op', 'p', 'id']);
    def.check?.(config as never);
    let children: CompiledNode[] | undefined;
    for (const f of def.childFields ?? []) {
      const list = config[f] as unknown[];
      children = [...(children ?? []), ...siblings(list, `${at}.${f}`, depth + 1)];
      config[f] = list.length;
    }
    return Object.freeze({ op: def.name, key, ...(typeof r.id === 'string' ? { id: r.id } : {}), p, config: Object.freeze(config), ...(children ? { children: Object.freeze(children) } : {}) });
  };
  /** Compiles a sibling list: keys are ids or `<op>#<k>`; duplicate keys are errors. */
  const siblings = (list: unknown[], at: string, depth: number): CompiledNode[] => {
    const seen = new Map<string, number>();
    const keys = new Set<string>();
    return list.map((raw, i) => {
      const r = raw as { op?: unknown; id?: unknown } | null;
      const op = typeof r?.op === 'string' ? r.op : '?';
      let key: string;
      if (typeof r?.id === 'string') key = r.id;
      else {
        const k = seen.get(op) ?? 0;
        seen.set(op, k + 1);
        key = `${op}#${k}`;
      }
      if (keys.has(key)) throw new EdgeAugmentError('INVALID_SPEC', `${at}[${i}].id: '${key}' is used twice among these ops; ids must be unique among siblings.`);
      keys.add(key);
      return node(raw, `${at}[${i}]`, depth, key);
    });
  };
  const list = Array.isArray(spec) ? spec : [spec];
  if (!list.length) throw new EdgeAugmentError('INVALID_SPEC', `${where}: expected at least one op.`);
  return siblings(list, where, 0);
}

/** The normalised JSON of a compiled pipeline (defaults filled in); `compilePipeline` takes it back. */
export function pipelineToJSON(nodes: readonly CompiledNode[]): PipelineJSON {
  const one = (n: CompiledNode): PipelineNodeJSON => {
    const def = getOp(n.op)!;
    const out: PipelineNodeJSON = { op: n.op };
    if (n.id !== undefined) out.id = n.id;
    if (n.p !== 1) out.p = n.p;
    let k = 0;
    for (const [key, v] of Object.entries(n.config)) {
      if (def.childFields?.includes(key)) {
        const len = v as number;
        out[key] = n.children!.slice(k, k + len).map(one);
        k += len;
      } else out[key] = Array.isArray(v) ? [...v] : v;
    }
    return out;
  };
  return nodes.map(one);
}

/** Children of a composite node grouped per child field. */
export function childGroups(n: CompiledNode): Record<string, readonly CompiledNode[]> {
  const def = getOp(n.op)!;
  const out: Record<string, readonly CompiledNode[]> = {};
  let k = 0;
  for (const f of def.childFields ?? []) {
    const len = n.config[f] as number;
    out[f] = n.children!.slice(k, k + len);
    k += len;
  }
  return out;
}

/** What one output of a pipeline is made of. */
export interface OutputPlan {
  applied: AppliedOp[];
  stages: Stage[];
  /** Size and channels of the result. */
  out: ImageInfo;
}

function lowerLeaf(def: OpDef, params: object, info: ImageInfo, plan: OutputPlan): void {
  const stages = def.lower!(params as never, info);
  for (const s of stages) {
    plan.stages.push(s);
    plan.out = stageOutInfo(s, plan.out);
  }
}

/**
 * Samples and lowers one output: item `index` under `seed` for an input of `info`. Pure.
 */
export function planOutput(nodes: readonly CompiledNode[], seed: number, index: number, info: ImageInfo): OutputPlan {
  const plan: OutputPlan = { applied: [], stages: [], out: info };
  const walk = (n: CompiledNode, path: string): void => {
    const def = getOp(n.op)!;
    const rng = new OpRandom(seed, index, path);
    if (n.p < 1 && !(rng.next() < n.p)) return;
    if (def.expand) {
      for (const e of def.expand(n.config as never, rng, plan.out, n.children ?? [])) {
        if ('node' in e) walk(e.node, `${path}/${e.node.key}`);
        else {
          const leaf = getOp(e.op);
          if (!leaf?.lower) throw new EdgeAugmentError('INTERNAL', `${n.op} expanded to '${e.op}', which is not a leaf op.`);
          // A composite's leaf params are normalised like replayed ones (defaults filled in), so the
          // recorded params are complete and replay exactly.
          const params = normalizeFields(leaf.params, e.params, `${n.op}→${e.op}`, 'INTERNAL');
          plan.applied.push({ op: e.op, path: `${path}/${e.key}`, params });
          lowerLeaf(leaf, params, plan.out, plan);
        }
      }
      return;
    }
    const params = def.sample!(n.config as never, rng, plan.out);
    plan.applied.push({ op: n.op, path, params: params as Record<string, unknown> });
    lowerLeaf(def, params, plan.out, plan);
  };
  for (const n of nodes) walk(n, n.key);
  return plan;
}

/**
 * Lowers recorded params (replay): each entry's params are validated against its op's param table.
 *
 * @throws {EdgeAugmentError} `INVALID_PARAMS` for an unknown op or bad params.
 */
export function planReplay(applied: readonly AppliedOp[], info: ImageInfo): OutputPlan {
  if (!Array.isArray(applied)) throw new EdgeAugmentError('INVALID_PARAMS', `params: expected the list of applied ops an output carries ([{ op, path, params }]), got ${describeValue(applied)}.`);
  const plan: OutputPlan = { applied: [], stages: [], out: info };
  applied.forEach((a, i) => {
    if (a === null || typeof a !== 'object') throw new EdgeAugmentError('INVALID_PARAMS', `params[${i}]: expected { op, params }, got ${describeValue(a)}.`);
    const def = getOp(a.op);
    if (!def?.lower) throw new EdgeAugmentError('INVALID_PARAMS', `params[${i}].op: '${String(a.op)}' is not a leaf op; known: ${opNames().join(', ')}.`);
    const raw = a.params ?? {};
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new EdgeAugmentError('INVALID_PARAMS', `params[${i}].params: expected an object, got ${describeValue(raw)}.`);
    const params = normalizeFields(def.params, raw as Record<string, unknown>, `params[${i}](${def.name})`, 'INVALID_PARAMS');
    plan.applied.push({ op: def.name, path: typeof a.path === 'string' ? a.path : String(i), params });
    lowerLeaf(def, params, plan.out, plan);
  });
  return plan;
}
