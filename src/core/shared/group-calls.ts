// Groups calls made close together into one call of `run` (one statement for many rows): the busier the process, the bigger the groups.

/**
 * Calls arriving before the next timer turn of the event loop are handed to `run` together; each caller gets its own
 * answer (`run` answers in order), or the group's error. Nothing waits longer than one turn.
 */
export function groupCalls<I, O>(run: (items: I[]) => Promise<O[]>): (item: I) => Promise<O> {
  let pending: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  const flush = () => {
    const group = pending;
    pending = [];
    run(group.map((g) => g.item)).then(
      (out) => group.forEach((g, i) => g.resolve(out[i]!)),
      (e) => group.forEach((g) => g.reject(e)),
    );
  };
  return (item) => new Promise<O>((resolve, reject) => {
    if (pending.push({ item, resolve, reject }) === 1) setTimeout(flush, 0);
  });
}
