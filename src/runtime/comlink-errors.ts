/**
 * Comlink serialises thrown errors as {name, message, stack} and drops custom fields. This wraps its
 * 'throw' transfer handler so an EdgeAugmentError keeps its `code` and `details` across the worker
 * boundary; every other value goes through Comlink's own handler unchanged.
 */
import { EdgeAugmentError, type SerializedEdgeAugmentError } from '../errors.js';

type Handler = { canHandle(v: unknown): boolean; serialize(v: unknown): [unknown, Transferable[]]; deserialize(v: unknown): unknown };
type ComlinkLike = { transferHandlers: Map<string, Handler> };

const MARK = '__edgeAugmentError';
const installed = new WeakSet<object>();

/** Installs the handler on a Comlink module instance (idempotent). */
export function installErrorTransfer(comlink: ComlinkLike): void {
  const map = comlink.transferHandlers;
  if (installed.has(map)) return;
  const original = map.get('throw');
  if (!original) return;
  installed.add(map);
  map.set('throw', {
    canHandle: (v) => original.canHandle(v),
    serialize: (v) => {
      const inner = (v as { value?: unknown }).value;
      if (inner instanceof EdgeAugmentError) {
        return [{ [MARK]: inner.toJSON() }, []];
      }
      if (inner && typeof inner === 'object' && (inner as { name?: string }).name === 'AbortError') {
        return [{ [MARK]: { abort: true, message: (inner as Error).message } }, []];
      }
      return original.serialize(v);
    },
    deserialize: (w) => {
      if (w && typeof w === 'object' && MARK in (w as object)) {
        const s = (w as Record<string, unknown>)[MARK] as SerializedEdgeAugmentError | { abort: true; message: string };
        if ('abort' in s) {
          const e = typeof DOMException === 'function' ? new DOMException(s.message, 'AbortError') : Object.assign(new Error(s.message), { name: 'AbortError' });
          throw e;
        }
        throw EdgeAugmentError.fromJSON(s);
      }
      return original.deserialize(w);
    },
  });
}
