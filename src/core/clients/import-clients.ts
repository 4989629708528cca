// `import clients`: Cognito app clients (same id and secret) and resource servers registered in cutover; re-runnable.
import type { Deps } from '../shared/deps.ts';
import type { Client, ResourceServer, UpsertOutcome } from '../ports/clients.ts';
import { buildClient } from './create-client.ts';
import { mapCognitoClient, mapCognitoResourceServer, type CognitoAppClient, type CognitoResourceServer } from './cognito-client-mapping.ts';

export interface ClientImportSource {
  userPoolId: string;
  clients: CognitoAppClient[];
  resourceServers: CognitoResourceServer[];
}

export interface ClientImportReport {
  userPoolId: string;
  tenant: string;
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Everything not carried: a whole client (`clientImported: false`) or one part of an imported client. */
  skipped: { clientId: string; reason: string; clientImported: boolean }[];
  clients: { clientId: string; name: string; outcome: UpsertOutcome | 'skipped' }[];
  resourceServers: { created: number; updated: number; unchanged: number; skipped: { identifier: string; reason: string }[] };
}

/** Every stored field but the creation time, so a re-import with nothing changed writes nothing. */
const comparable = (c: Client) => JSON.stringify(Object.entries({ ...c, createdAt: 0 }).sort(([a], [b]) => a.localeCompare(b)));
const sameClient = (a: Client, b: Client) => comparable(a) === comparable(b);
const sameServer = (a: ResourceServer, b: ResourceServer) => a.name === b.name && JSON.stringify(a.scopes) === JSON.stringify(b.scopes);

export async function importClients(
  deps: Pick<Deps, 'stores' | 'clock'>,
  source: ClientImportSource,
  options: { tenant: string; dryRun: boolean },
): Promise<ClientImportReport> {
  const { tenant, dryRun } = options;
  const now = deps.clock.now();
  const report: ClientImportReport = {
    userPoolId: source.userPoolId, tenant, dryRun, created: 0, updated: 0, unchanged: 0, skipped: [], clients: [],
    resourceServers: { created: 0, updated: 0, unchanged: 0, skipped: [] },
  };

  // Resource servers first: the clients' custom scopes name them.
  const existingServers = new Map((await deps.stores.resourceServers.listByTenant(tenant)).map((s) => [s.identifier, s]));
  for (const record of source.resourceServers) {
    const mapped = mapCognitoResourceServer(record, tenant);
    if ('problem' in mapped) {
      report.resourceServers.skipped.push({ identifier: record.Identifier ?? '', reason: mapped.problem });
      continue;
    }
    const before = existingServers.get(mapped.server.identifier);
    const outcome: UpsertOutcome = !before ? 'created' : sameServer(before, mapped.server) ? 'unchanged' : 'updated';
    if (!dryRun && outcome !== 'unchanged') await deps.stores.resourceServers.upsert(mapped.server, now);
    report.resourceServers[outcome]++;
  }

  for (const record of source.clients) {
    const clientId = record.ClientId ?? '';
    const mapped = mapCognitoClient(record, tenant);
    const skip = (reason: string) => {
      report.skipped.push({ clientId, reason, clientImported: false });
      report.clients.push({ clientId, name: record.ClientName ?? '', outcome: 'skipped' });
    };
    if (!mapped.input) {
      skip(mapped.notCarried.join('; '));
      continue;
    }
    const before = await deps.stores.clients.findById(clientId);
    if (before && before.tenant !== tenant) {
      skip(`a client with this id already exists in tenant "${before.tenant}"`);
      continue;
    }
    for (const reason of mapped.notCarried) report.skipped.push({ clientId, reason, clientImported: true });
    const { clientSecret: _secret, ...built } = await buildClient(mapped.input, before?.createdAt ?? now);
    // A rotation made in cutover since the last import keeps its overlap; so does the session swap setting, which
    // Cognito has no word for.
    const next: Client = before
      ? { ...built, previousSecretHash: before.previousSecretHash, previousSecretExpiresAt: before.previousSecretExpiresAt, allowCognitoSessionSwap: before.allowCognitoSessionSwap }
      : built;
    const outcome: UpsertOutcome = !before ? 'created' : sameClient(before, next) ? 'unchanged' : 'updated';
    if (!dryRun && outcome !== 'unchanged') {
      await deps.stores.clients.upsert(next);
      await deps.stores.audit.record({ type: `client.imported`, tenant, clientId, detail: { userPoolId: source.userPoolId, outcome } }, now);
    }
    report[outcome]++;
    report.clients.push({ clientId, name: next.name, outcome });
  }
  return report;
}

/** The report as the CLI prints it for a person. */
export function clientImportText(r: ClientImportReport): string {
  const lines = [
    `${r.dryRun ? 'dry run (nothing written): ' : ''}app clients of ${r.userPoolId} into tenant ${r.tenant}: `
      + `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.clients.filter((c) => c.outcome === 'skipped').length} skipped`,
    `resource servers: ${r.resourceServers.created} created, ${r.resourceServers.updated} updated, ${r.resourceServers.unchanged} unchanged, ${r.resourceServers.skipped.length} skipped`,
  ];
  if (r.skipped.length > 0 || r.resourceServers.skipped.length > 0) lines.push('not carried:');
  for (const s of r.skipped) lines.push(`  ${s.clientId}${s.clientImported ? '' : ' (client not imported)'}: ${s.reason}`);
  for (const s of r.resourceServers.skipped) lines.push(`  resource server ${s.identifier}: ${s.reason}`);
  return lines.join('\n');
}
