// The server's request log: one JSON line per request, the lines of one event-loop turn written together, none lost.
import { expect, it } from 'vitest';
import { batchedRequestLog } from '../../src/runtime/node/json-log.ts';

const record = (i: number, status = 200) => ({ requestId: `r${i}`, method: 'GET', path: `/p${i}`, route: '/p/:i', status, seconds: 0.0123 });

it('writes the lines of one turn in one write, in order, and each line is a JSON object with the request id', async () => {
  const writes: string[] = [];
  const log = batchedRequestLog((t) => writes.push(t));
  for (let i = 0; i < 5; i++) log.log(record(i, i === 4 ? 503 : 200));
  expect(writes).toEqual([]); // nothing yet: the turn is not over
  await new Promise((r) => setImmediate(r));
  expect(writes).toHaveLength(1);
  const lines = writes[0].trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => l.requestId)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/p0', route: '/p/:i', status: 200, ms: 12 });
  expect(lines[4].level).toBe('error');
  log.log(record(9));
  log.flush(); // a graceful stop writes what is pending at once
  expect(writes).toHaveLength(2);
  expect(JSON.parse(writes[1]).requestId).toBe('r9');
  await new Promise((r) => setImmediate(r));
  expect(writes).toHaveLength(2); // the scheduled flush finds nothing left
});
