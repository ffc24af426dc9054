/** Small facts about typed-array buffers, shared by the pool, the augmenter and the decoders. */

/**
 * Whether `view` is the whole of a plain (non-shared) ArrayBuffer: only then may that buffer be
 * transferred, recycled or handed on without taking bytes that belong to someone else.
 */
export function ownsWholeBuffer(view: ArrayBufferView): boolean {
  return view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
}
