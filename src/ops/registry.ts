/**
 * The op registry, built from `./all.ts` (one export line per op). Names must be unique; an op's
 * registry name is its `name` field.
 */
import * as ALL from './all.js';
import type { OpDef } from './core/types.js';

const BY_NAME: ReadonlyMap<string, OpDef> = /* #__PURE__ */ (() => {
  const m = new Map<string, OpDef>();
  for (const def of Object.values(ALL) as OpDef[]) {
    if (m.has(def.name)) throw new Error(`edge-augment: two ops named '${def.name}'`);
    m.set(def.name, def);
  }
  return m;
})();

/** The op called `name`, or undefined. */
export function getOp(name: string): OpDef | undefined {
  return BY_NAME.get(name);
}

/** Every registered op name, sorted. */
export function opNames(): string[] {
  return [...BY_NAME.keys()].sort();
}

/** Every registered op (docs, demo form). */
export function listOps(): OpDef[] {
  return [...BY_NAME.values()];
}
