// Import progress on stderr: a redrawn bar on a terminal (counts, rate, ETA), plain lines otherwise.
import type { ImportProgress, ImportReport } from '../core/import/import-users.ts';
import { UsageError, type Values } from './command.ts';
import { fields } from '../core/shared/input.ts';
import { DEFAULT_TENANT } from '../core/clients/clients.ts';

const PLAIN_EVERY_MS = 5000;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function progressLine(p: ImportProgress): { line: string; fraction: number | null } {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.processed / seconds : 0;
  const c = p.counts;
  let fraction: number | null = null;
  let eta = '';
  if (p.position && p.position.total) {
    fraction = Math.min(1, p.position.done / p.position.total);
    const unitRate = seconds > 0 ? p.position.done / seconds : 0;
    eta = ` ETA ${clock(unitRate > 0 ? (p.position.total - p.position.done) / unitRate : Infinity)}`;
  }
  const line = `${p.processed.toLocaleString('en')} users (${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.merged} merged, ${c.conflict} conflicts) ${Math.round(rate).toLocaleString('en')}/s${eta}`;
  return { line, fraction };
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): { update: (p: ImportProgress) => void; done: () => void } {
  const tty = stream.isTTY === true;
  let lastPlain = 0;
  let drawn = false;
  return {
    update(p) {
      const { line, fraction } = progressLine(p);
      if (tty) {
        const width = 24;
        const bar = fraction === null ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${Math.floor(fraction * 100)}% `;
        stream.write(`\r\x1b[2K${bar}${line}`.slice(0, (stream.columns ?? 200) + 8));
        drawn = true;
      } else if (p.elapsedMs - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = p.elapsedMs;
        stream.write(`import: ${line}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}

export function reportText(r: ImportReport, tenant: string, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'dry run (nothing written): would import' : 'imported'} ${r.source} into tenant ${tenant} in ${(r.durationMs / 1000).toFixed(1)}s`,
    `  created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, merged ${r.merged}, conflicts ${r.conflicts.length}`,
    `  groups ${r.groups}, memberships ${r.memberships}`,
  ];
  for (const c of r.conflicts.slice(0, 20)) lines.push(`  conflict ${c.legacySub}: ${c.reason}`);
  if (r.conflicts.length > 20) lines.push(`  … and ${r.conflicts.length - 20} more`);
  if (r.conflicts.length > 0 && !dryRun) lines.push('  (all conflicts: cutover import conflicts)');
  return lines.join('\n');
}

export function tenantOf(values: Values): string {
  const t = values.tenant;
  if (t === undefined) return DEFAULT_TENANT;
  const parsed = fields.tenant.safeParse(t);
  if (!parsed.success) throw new UsageError(`--tenant: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

export const importOptions = {
  tenant: { type: 'string' },
  'dry-run': { type: 'boolean' },
  resume: { type: 'boolean' },
} as const;
