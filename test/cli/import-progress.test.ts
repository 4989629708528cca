// The import progress line: counts, rate and ETA; a bar only on a terminal.
import { describe, expect, it } from 'vitest';
import { progressLine, progressReporter } from '../../src/cli/import-progress.ts';

const p = (elapsedMs: number, done: number) => ({
  processed: 2000, counts: { created: 1500, updated: 10, unchanged: 480, merged: 5, conflict: 5 }, elapsedMs, position: { done, total: 1000, unit: 'bytes' as const },
});

describe('import progress', () => {
  it('shows counts, rate and ETA', () => {
    const { line, fraction } = progressLine(p(2000, 250));
    expect(fraction).toBe(0.25);
    expect(line).toBe('2,000 users (1500 created, 10 updated, 480 unchanged, 5 merged, 5 conflicts) 1,000/s ETA 0:06');
  });

  it('draws a bar on a terminal and plain lines otherwise', () => {
    const written: string[] = [];
    const stream = (isTTY: boolean) => ({ isTTY, columns: 200, write: (s: string) => written.push(s) }) as unknown as NodeJS.WriteStream;
    const tty = progressReporter(stream(true));
    tty.update(p(2000, 500));
    tty.done();
    expect(written[0]).toMatch(/^\r\x1b\[2K\[#{12}\.{12}\] 50% 2,000 users/);
    expect(written[1]).toBe('\n');
    written.length = 0;
    const plain = progressReporter(stream(false));
    plain.update(p(6000, 500));
    plain.update(p(7000, 600)); // within 5 s of the last line: skipped
    plain.done();
    expect(written).toEqual([expect.stringMatching(/^import: 2,000 users .*\n$/)]);
  });
});
