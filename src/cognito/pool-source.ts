// Import source: a live user pool through the Cognito API (ListUsers, ListGroups, ListUsersInGroup, DescribeUserPool).
import {
  DescribeUserPoolCommand, ListGroupsCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ImportSource, SourceUser } from '../core/import/import-users.ts';
import type { CognitoCaller } from './client.ts';

/** Cognito's maximum page size for ListUsers, ListGroups and ListUsersInGroup. */
export const PAGE_SIZE = 60;

export interface PoolInfo {
  estimatedUsers: number | null;
  /** custom attributes the pool declares (`custom:tier`, ...); their values are imported verbatim */
  customAttributes: string[];
}

export async function describePool(caller: CognitoCaller, userPoolId: string): Promise<PoolInfo> {
  const { UserPool } = await caller.call((c) => c.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId })));
  return {
    estimatedUsers: UserPool?.EstimatedNumberOfUsers ?? null,
    customAttributes: (UserPool?.SchemaAttributes ?? []).map((a) => a.Name ?? '').filter((n) => n.startsWith('custom:') || n.startsWith('dev:')),
  };
}

/** Every group and its members' usernames: groups are read first so each user arrives with its roles. */
export async function readGroups(caller: CognitoCaller, userPoolId: string): Promise<{ names: string[]; byUser: Map<string, string[]> }> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await caller.call((c) => c.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: PAGE_SIZE, NextToken: token })));
    for (const g of page.Groups ?? []) if (g.GroupName) names.push(g.GroupName);
    token = page.NextToken;
  } while (token);
  const byUser = new Map<string, string[]>();
  for (const group of names) {
    let next: string | undefined;
    do {
      const page = await caller.call((c) => c.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, Limit: PAGE_SIZE, NextToken: next })));
      for (const u of page.Users ?? []) {
        if (!u.Username) continue;
        const list = byUser.get(u.Username) ?? [];
        if (!list.includes(group)) list.push(group);
        byUser.set(u.Username, list);
      }
      next = page.NextToken;
    } while (next);
  }
  return { names, byUser };
}

export function poolSource(caller: CognitoCaller, userPoolId: string, info: PoolInfo): ImportSource {
  let groups: { names: string[]; byUser: Map<string, string[]> } | null = null;
  let read = 0;
  return {
    name: `cognito:${userPoolId}`,
    userPoolId,
    fingerprint: `cognito:${userPoolId}`,
    position: () => ({ done: read, total: info.estimatedUsers, unit: 'users' }),
    groupNames: () => groups?.names ?? [],
    async *batches(): AsyncIterable<SourceUser[]> {
      groups = await readGroups(caller, userPoolId);
      let token: string | undefined;
      let page = 0;
      do {
        const res = await caller.call((c) => c.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: PAGE_SIZE, PaginationToken: token })));
        const users = res.Users ?? [];
        read += users.length;
        yield users.map((u, i) => ({
          record: u,
          groups: (u.Username && groups!.byUser.get(u.Username)) || [],
          position: `${userPoolId} page ${page} #${i}`,
        }));
        token = res.PaginationToken;
        page++;
      } while (token);
    },
  };
}
