// A faithful stand-in for the Cognito JSON API where cognito-local is not: pages of at most 60 and throttling.
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
  poolId?: string;
}

export interface StandIn {
  endpoint: string;
  /** every request: operation and body */
  requests: { op: string; body: Record<string, unknown>; throttled: boolean }[];
  close(): Promise<void>;
}

/** Cognito filter values are quoted, with `\` escaping `"` and `\`. */
function parseFilter(filter: string): { name: string; value: string } | null {
  const m = /^\s*([\w:]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  return m ? { name: m[1], value: m[2].replace(/\\(.)/g, '$1') } : null;
}

function page<T>(items: T[], token: unknown, limit: unknown): { items: T[]; next?: string } {
  const start = typeof token === 'string' ? Number(Buffer.from(token, 'base64').toString()) : 0;
  const size = typeof limit === 'number' ? limit : 60;
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}

export async function startCognitoStandIn(options: StandInOptions): Promise<StandIn> {
  const poolId = options.poolId ?? 'us-east-1_StandIn';
  const groups = options.groups ?? {};
  const requests: StandIn['requests'] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const throttled = !!options.throttleEvery && (requests.length + 1) % options.throttleEvery === 0;
      requests.push({ op, body, throttled });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      const fail = (type: string, message: string) => send(400, { __type: type, message });
      if (throttled) return fail('TooManyRequestsException', 'Rate exceeded');
      if (body.UserPoolId !== poolId) return fail('ResourceNotFoundException', `User pool ${String(body.UserPoolId)} does not exist.`);
      // Real Cognito refuses page sizes above 60 for these operations.
      if (typeof body.Limit === 'number' && body.Limit > 60) return fail('InvalidParameterException', '1 validation error detected: Value at \'limit\' failed to satisfy constraint: Member must have value less than or equal to 60');
      switch (op) {
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
  return { endpoint: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
