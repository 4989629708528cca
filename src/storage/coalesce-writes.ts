// Group commit for one-row writes that arrive together: calls made in the same turn of the event loop are written by
// one statement (one commit), and each caller gets its own answer back.

/**
 * Where the runtime has it, setImmediate: it runs after every I/O callback of this turn (say, every signature check
 * the thread pool finished meanwhile), so all their writes meet in one flush. Elsewhere (Workers) a zero timeout.
 */
const endOfTurn: (fn: () => void) => void = (globalThis as { setImmediate?: (fn: () => void) => void }).setImmediate
  ?? ((fn) => void setTimeout(fn, 0));

/**
 * Returns a function that queues one item and resolves with its result. `flush` receives the queued items (at most
 * `maxItems`, distinct by `keyOf`, so one statement never names a row twice) and returns one result per item, in order.
 * An item whose key is already in the flush waits for the next one. A failed flush fails each of its callers.
 * Flushes run one at a time: on a pool (PostgreSQL) a later flush could otherwise commit first, and an item queued
 * later take what an earlier one asked for; what arrives meanwhile goes out together in the next.
 */
export function coalesceWrites<T, R>(
  flush: (items: T[]) => Promise<R[]>,
  keyOf: (item: T) => string,
  maxItems = 200,
): (item: T) => Promise<R> {
  let queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  let flushing = false;

  const run = async () => {
    scheduled = false;
    if (flushing) return;
    const taken: typeof queue = [];
    const rest: typeof queue = [];
    const keys = new Set<string>();
    for (const q of queue) {
      const key = keyOf(q.item);
      if (taken.length < maxItems && !keys.has(key)) {
        keys.add(key);
        taken.push(q);
      } else {
        rest.push(q);
      }
    }
    queue = rest;
    flushing = true;
    try {
      const results = await flush(taken.map((q) => q.item));
      taken.forEach((q, i) => q.resolve(results[i]));
    } catch (e) {
      for (const q of taken) q.reject(e);
    } finally {
      flushing = false;
      if (queue.length > 0) schedule();
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    endOfTurn(() => void run());
  };

  return (item) => new Promise<R>((resolve, reject) => {
    queue.push({ item, resolve, reject });
    schedule();
  });
}
