// A faithful stand-in for the Cognito JSON API where cognito-local is not: pages of at most 60 (ListResourceServers 50),
// throttling, app clients, resource servers, identity providers (List/DescribeIdentityProvider), AdminLinkProviderForUser with its documented errors; what it does not
// answer it can forward to cognito-local (`upstream`).
import { createServer, type Server } from 'node:http';
import { freePort } from './app.ts';

export interface StandInUser {
  Username: string;
  Attributes: { Name: string; Value: string }[];
  Enabled?: boolean;
  UserStatus?: string;
}

export interface StandInOptions {
  users: StandInUser[];
  groups?: Record<string, string[]>;
  /** answer TooManyRequestsException to every Nth request (0: never) */
  throttleEvery?: number;
  /** answer LimitExceededException to every Nth request (0: never) */
  limitEvery?: number;
  poolId?: string;
  /** DescribeUserPoolClient's answers; ListUserPoolClients lists their ids and names */
  appClients?: Record<string, unknown>[];
  resourceServers?: { Identifier: string; Name: string; Scopes?: { ScopeName: string; ScopeDescription: string }[] }[];
  /** identity providers AdminLinkProviderForUser accepts */
  providers?: string[];
  /** identity providers as DescribeIdentityProvider answers them (ProviderName, ProviderType, ProviderDetails, AttributeMapping) */
  identityProviders?: Record<string, unknown>[];
  /** operations not answered here go to this endpoint (cognito-local) */
  upstream?: string;
}

/** One AdminLinkProviderForUser that took: the source identity is now part of the Cognito user. */
export interface StandInLink { username: string; providerName: string; attributeName: string; subject: string }

export interface StandIn {
  endpoint: string;
  /** every request: operation and body */
  requests: { op: string; body: Record<string, unknown>; throttled: boolean; at: number }[];
  /** the links made, in order */
  links: StandInLink[];
  /** changes the injected throttling from the next request on (0: none) */
  setThrottle(throttleEvery: number, limitEvery: number): void;
  close(): Promise<void>;
}

/** Cognito filter values are quoted, with `\` escaping `"` and `\`. */
function parseFilter(filter: string): { name: string; value: string } | null {
  const m = /^\s*([\w:]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  return m ? { name: m[1], value: m[2].replace(/\\(.)/g, '$1') } : null;
}

function page<T>(items: T[], token: unknown, limit: unknown, max = 60): { items: T[]; next?: string } {
  const start = typeof token === 'string' ? Number(Buffer.from(token, 'base64').toString()) : 0;
  const size = typeof limit === 'number' ? limit : max;
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}

export async function startCognitoStandIn(options: StandInOptions): Promise<StandIn> {
  const poolId = options.poolId ?? 'us-east-1_StandIn';
  const groups = options.groups ?? {};
  const requests: StandIn['requests'] = [];
  const links: StandInLink[] = [];
  const appClients = options.appClients ?? [];
  const resourceServers = options.resourceServers ?? [];
  const providers = new Set(options.providers ?? []);
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = target.split('.').pop() ?? '';
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const n = requests.length + 1;
      const throttled = (!!options.throttleEvery && n % options.throttleEvery === 0) || (!!options.limitEvery && n % options.limitEvery === 0);
      requests.push({ op, body, throttled, at: Date.now() });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      const fail = (type: string, message: string) => send(400, { __type: type, message });
      if (options.throttleEvery && n % options.throttleEvery === 0) return fail('TooManyRequestsException', 'Rate exceeded');
      if (options.limitEvery && n % options.limitEvery === 0) return fail('LimitExceededException', 'Exceeded the request rate limit for AdminLinkProviderForUser.');
      // In front of cognito-local it answers only what cognito-local lacks.
      if (options.upstream && op !== 'ListResourceServers') {
        const answer = await fetch(options.upstream, { method: 'POST', headers: { 'content-type': String(req.headers['content-type']), 'x-amz-target': target }, body: raw });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.1' });
        return res.end(await answer.text());
      }
      if (body.UserPoolId !== poolId) return fail('ResourceNotFoundException', `User pool ${String(body.UserPoolId)} does not exist.`);
      // Real Cognito refuses page sizes above 60 for these operations (ListResourceServers: 50).
      if (typeof body.Limit === 'number' && body.Limit > 60) return fail('InvalidParameterException', '1 validation error detected: Value at \'limit\' failed to satisfy constraint: Member must have value less than or equal to 60');
      if (typeof body.MaxResults === 'number' && (body.MaxResults < 1 || body.MaxResults > (op === 'ListResourceServers' ? 50 : 60))) {
        return fail('InvalidParameterException', `1 validation error detected: Value '${body.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${op === 'ListResourceServers' ? 50 : 60}`);
      }
      const userNamed = (name: unknown) => options.users.find((u) => u.Username === name);
      switch (op) {
        case 'ListUserPoolClients': {
          const p = page(appClients, body.NextToken, body.MaxResults);
          // Only the description: the secret and settings come from DescribeUserPoolClient.
          return send(200, { UserPoolClients: p.items.map((c) => ({ ClientId: c.ClientId, ClientName: c.ClientName, UserPoolId: poolId })), NextToken: p.next });
        }
        case 'DescribeUserPoolClient': {
          const c = appClients.find((x) => x.ClientId === body.ClientId);
          if (!c) return fail('ResourceNotFoundException', `User pool client ${String(body.ClientId)} does not exist.`);
          return send(200, { UserPoolClient: { UserPoolId: poolId, ...c } });
        }
        case 'ListResourceServers': {
          const p = page(resourceServers, body.NextToken, body.MaxResults, 50);
          return send(200, { ResourceServers: p.items.map((r) => ({ UserPoolId: body.UserPoolId, ...r })), NextToken: p.next });
        }
        case 'ListIdentityProviders': {
          // Only the description (ProviderDescription): the details come from DescribeIdentityProvider.
          const p = page(options.identityProviders ?? [], body.NextToken, body.MaxResults);
          return send(200, { Providers: p.items.map((x) => ({ ProviderName: x.ProviderName, ProviderType: x.ProviderType, CreationDate: 1.7e9, LastModifiedDate: 1.7e9 })), NextToken: p.next });
        }
        case 'DescribeIdentityProvider': {
          const full = options.identityProviders?.find((x) => x.ProviderName === body.ProviderName);
          if (full) return send(200, { IdentityProvider: { UserPoolId: poolId, IdpIdentifiers: [], CreationDate: 1.7e9, LastModifiedDate: 1.7e9, ...full } });
          if (!providers.has(String(body.ProviderName))) return fail('ResourceNotFoundException', `Identity provider ${String(body.ProviderName)} does not exist.`);
          return send(200, { IdentityProvider: { UserPoolId: poolId, ProviderName: body.ProviderName, ProviderType: 'OIDC' } });
        }
        case 'AdminGetUser': {
          const u = userNamed(body.Username);
          if (!u) return fail('UserNotFoundException', 'User does not exist.');
          const ids = links.filter((l) => l.username === u.Username).map((l) => ({ userId: l.subject, providerName: l.providerName, providerType: 'OIDC', issuer: null, primary: 'false', dateCreated: '1' }));
          const attrs = ids.length > 0 ? [...u.Attributes, { Name: 'identities', Value: JSON.stringify(ids) }] : u.Attributes;
          return send(200, { Username: u.Username, UserAttributes: attrs, Enabled: true, UserStatus: 'CONFIRMED' });
        }
        case 'AdminLinkProviderForUser': {
          const dest = body.DestinationUser as { ProviderName?: string; ProviderAttributeValue?: string } | undefined;
          const src = body.SourceUser as { ProviderName?: string; ProviderAttributeName?: string; ProviderAttributeValue?: string } | undefined;
          if (dest?.ProviderName !== 'Cognito') return fail('InvalidParameterException', 'DestinationUser must be a native Cognito user (ProviderName Cognito).');
          if (!src?.ProviderName || !providers.has(src.ProviderName)) return fail('InvalidParameterException', `Identity provider ${String(src?.ProviderName)} does not exist.`);
          if (src.ProviderAttributeName !== 'Cognito_Subject' || !src.ProviderAttributeValue) return fail('InvalidParameterException', 'SourceUser ProviderAttributeName must be Cognito_Subject for an OIDC provider.');
          const u = userNamed(dest.ProviderAttributeValue);
          if (!u) return fail('UserNotFoundException', 'User does not exist.');
          // Documented: a source identity already linked (to this user or another) cannot be linked again.
          if (links.some((l) => l.providerName === src.ProviderName && l.subject === src.ProviderAttributeValue)) {
            return fail('InvalidParameterException', 'Merging is not currently supported, provide a SourceUser that has not been linked to any other user');
          }
          if (links.some((l) => l.username === u.Username && l.providerName === src.ProviderName)) {
            return fail('AliasExistsException', 'This user is already linked to an identity of this provider.');
          }
          links.push({ username: u.Username, providerName: src.ProviderName, attributeName: src.ProviderAttributeName, subject: src.ProviderAttributeValue });
          return send(200, {});
        }
        case 'DescribeUserPool':
          return send(200, { UserPool: { Id: poolId, EstimatedNumberOfUsers: options.users.length, SchemaAttributes: [{ Name: 'sub' }, { Name: 'custom:tier' }] } });
        case 'ListGroups': {
          const p = page(Object.keys(groups), body.NextToken, body.Limit);
          return send(200, { Groups: p.items.map((GroupName) => ({ GroupName, UserPoolId: poolId })), NextToken: p.next });
        }
        case 'ListUsersInGroup': {
          const members = options.users.filter((u) => groups[String(body.GroupName)]?.includes(u.Username));
          const p = page(members, body.NextToken, body.Limit);
          return send(200, { Users: p.items, NextToken: p.next });
        }
        case 'AdminListGroupsForUser':
          return send(200, { Groups: Object.keys(groups).filter((g) => groups[g].includes(String(body.Username))).map((GroupName) => ({ GroupName })) });
        case 'ListUsers': {
          let users = options.users;
          if (typeof body.Filter === 'string') {
            const f = parseFilter(body.Filter);
            if (!f) return fail('InvalidParameterException', 'Error while parsing filter.');
            users = users.filter((u) => u.Attributes.some((a) => a.Name === f.name && a.Value === f.value));
          }
          const p = page(users, body.PaginationToken, body.Limit);
          return send(200, { Users: p.items.map((u) => ({ Enabled: true, UserStatus: 'CONFIRMED', ...u })), PaginationToken: p.next });
        }
        default:
          return fail('UnknownOperationException', op);
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  const setThrottle = (throttleEvery: number, limitEvery: number) => Object.assign(options, { throttleEvery, limitEvery });
  return { endpoint: `http://127.0.0.1:${port}`, requests, links, setThrottle, close: () => new Promise<void>((r) => server.close(() => r())) };
}
