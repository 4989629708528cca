// Hands out event-loop turns one at a time, so background work that never truly waits yields to requests between steps.

/**
 * Where the runtime has it, setImmediate: it runs after the turn's I/O callbacks, so requests that arrived meanwhile are
 * read and answered before the next step. Elsewhere (Workers) a zero timeout.
 */
const endOfTurn: (fn: () => void) => void = (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate
  ?? ((fn) => void setTimeout(fn, 0));

/**
 * Returns `take`: each call resolves on a later turn of the event loop than the call before it. A step that awaits
 * `take()` first runs alone in its turn, however many were started together; steps that really wait (a network
 * send) still overlap, since the next one is released as soon as the previous one yields.
 */
export function turnTaker(): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return () => {
    const mine = last.then(() => new Promise<void>((resolve) => endOfTurn(resolve)));
    last = mine;
    return mine;
  };
}
