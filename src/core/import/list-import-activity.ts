// Admin: the latest import runs and the conflicts kept aside, for the console's imports page.
import type { Deps } from '../shared/deps.ts';
import type { ImportRun, StoredImportConflict } from '../ports/imports.ts';

export async function listImportActivity(deps: Pick<Deps, 'stores'>, tenant: string, limit = 200): Promise<{ runs: ImportRun[]; conflicts: StoredImportConflict[] }> {
  const [runs, conflicts] = await Promise.all([deps.stores.imports.listRuns(50), deps.stores.imports.listConflicts(tenant)]);
  return { runs, conflicts: conflicts.slice(0, limit) };
}
