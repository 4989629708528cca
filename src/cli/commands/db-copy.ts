// `cutover db copy --from-sqlite <file>`: move a SQLite deployment onto PostgreSQL, every table, checked row by row count.
import { requireString, type Command } from '../command.ts';

export const dbCopy: Command = {
  name: 'db copy',
  summary: 'copy every table of a SQLite file into the PostgreSQL database at CUTOVER_DATABASE_URL (stop the old server first)',
  usage: 'cutover db copy --from-sqlite <path/to/cutover.db> [--json]',
  options: { 'from-sqlite': { type: 'string' } },
  async run(ctx) {
    const report = await ctx.maintenance.copySqliteToPostgres(requireString(ctx.values, 'from-sqlite'), ctx.progress);
    const lines = report.tables.map((t) => `  ${t.table.padEnd(22)} ${String(t.copied).padStart(9)}`);
    return { result: report, text: [`copied ${report.from} → ${report.to}:`, ...lines].join('\n') };
  },
};
