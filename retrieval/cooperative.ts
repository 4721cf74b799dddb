/**
 * Cooperative pauses for long loading work on the main thread: loading a snapshot at 100k chunks takes about a
 * second of CPU, and a live bot must keep acknowledging interactions meanwhile. Work is cut into slices and
 * `pause()` yields to the event loop (setImmediate) once the current slice has run for `sliceMs`.
 */
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";

export type Pause = () => Promise<void>;

/** A pause that yields only when the slice is used up (cheap to call per item). */
export function slicer(sliceMs = 5): Pause {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}

/** For callers with nothing else to serve (a one-off CLI): never yields. */
export const noPause: Pause = async () => {};
