// groupCalls: calls made together reach `run` as one group; each caller gets its own answer or the group's error.
import { describe, expect, it } from 'vitest';
import { groupCalls } from '../../src/core/shared/group-calls.ts';

describe('groupCalls', () => {
  it('hands calls made in the same turn to one run, answers each in order, and starts a new group afterwards', async () => {
    const groups: number[][] = [];
    const double = groupCalls(async (items: number[]) => {
      groups.push(items);
      return items.map((n) => n * 2);
    });
    expect(await Promise.all([1, 2, 3].map(double))).toEqual([2, 4, 6]);
    expect(await double(5)).toBe(10);
    expect(groups).toEqual([[1, 2, 3], [5]]);
  });

  it('rejects every caller of a group whose run failed, and keeps working', async () => {
    let fail = true;
    const write = groupCalls(async (items: string[]) => {
      if (fail) throw new Error('disk full');
      return items.map(() => true);
    });
    const results = await Promise.allSettled([write('a'), write('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await write('c')).toBe(true);
  });
});
