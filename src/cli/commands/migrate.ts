// `cutover migrate`: apply the database's pending migrations and exit (SPEC §9), e.g. as a deploy step before instances start.
import type { Command } from '../command.ts';

export const migrate: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations (PostgreSQL with CUTOVER_DATABASE_URL, else the SQLite file) and exit',
  usage: 'cutover migrate [--json]',
  async run(ctx) {
    const result = await ctx.maintenance.migrate();
    return { result, text: result.applied === 0 ? `${result.database}: up to date` : `${result.database}: applied ${result.applied} migration(s)` };
  },
};
