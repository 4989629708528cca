// Reads a pool's app clients (ListUserPoolClients pages, then DescribeUserPoolClient for each: only it returns the
// secret) and its resource servers (ListResourceServers), through the throttled caller.
import {
  DescribeUserPoolClientCommand, ListResourceServersCommand, ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientImportSource } from '../core/clients/import-clients.ts';
import type { CognitoCaller } from './client.ts';

/** Cognito's largest page: ListUserPoolClients takes MaxResults 1-60, ListResourceServers 1-50. */
export const CLIENTS_PAGE = 60;
export const RESOURCE_SERVERS_PAGE = 50;

export async function readPoolClients(caller: CognitoCaller, userPoolId: string): Promise<ClientImportSource> {
  const ids: string[] = [];
  let next: string | undefined;
  do {
    const page = await caller.call((c) => c.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: CLIENTS_PAGE, NextToken: next })));
    for (const d of page.UserPoolClients ?? []) if (d.ClientId) ids.push(d.ClientId);
    next = page.NextToken;
  } while (next);

  const clients = [];
  for (const id of ids) {
    const { UserPoolClient } = await caller.call((c) => c.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: id })));
    if (UserPoolClient) clients.push(UserPoolClient);
  }

  const resourceServers = [];
  next = undefined;
  do {
    const page = await caller.call((c) => c.send(new ListResourceServersCommand({ UserPoolId: userPoolId, MaxResults: RESOURCE_SERVERS_PAGE, NextToken: next })));
    resourceServers.push(...(page.ResourceServers ?? []));
    next = page.NextToken;
  } while (next);

  return { userPoolId, clients, resourceServers };
}
