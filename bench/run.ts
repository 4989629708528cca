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
  // spread: the lowest and highest of the rounds' own ratios, where the figure is a best of rounds
  const spread = (r: BenchResult) => (r.rounds ? `${Math.min(...r.rounds)}–${Math.max(...r.rounds)}` : '');
  const rows = all.map((r) => [r.name, `${r.value} ${r.unit}`, `${r.baseline} ${r.unit}`, String(r.ratio), spread(r), r.target, meets(r) ? 'ok' : 'MISS']);
  const head = ['benchmark', 'value', 'baseline', 'ratio', 'rounds', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
}
process.exit(0);
