// `npm run bench [-- --json] [-- --only NAME]`: prints a table, or one JSON object per line.
import { parseArgs } from 'node:util';
import { cases } from './cases/index.ts';
import { meets, type BenchResult } from './harness.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' } } });
const selected = cases.filter((c) => !values.only || c.name.includes(values.only));
const all: BenchResult[] = [];
for (const c of selected) {
  if (!values.json) process.stderr.write(`running ${c.name}…\n`);
  const results = await c.run();
  for (const r of results) {
    all.push(r);
    if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
  }
}
if (!values.json) {
  const rows = all.map((r) => [r.name, `${r.value} ${r.unit}`, `${r.baseline} ${r.unit}`, String(r.ratio), r.target, meets(r) ? 'ok' : 'MISS']);
  const head = ['benchmark', 'value', 'baseline', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
}
process.exit(0);
