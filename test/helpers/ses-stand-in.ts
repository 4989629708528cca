// A stand-in for SES v2 in front of aws-ses-v2-local: answers chosen calls itself (throttling, rejection, a dropped
// answer) in the wire format of the real service, and forwards the rest to the emulator.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './app.ts';

/** What to do with one SendEmail call (n counts calls from 1). */
export type StandInAction = 'forward' | 'throttle' | 'server-error' | 'reject' | 'forward-then-drop' | 'drop';
export type StandInRule = (call: { n: number; to: string[]; path: string }) => StandInAction;

export interface SesStandIn {
  endpoint: string;
  calls: { n: number; to: string[]; action: StandInAction }[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) => new Promise<Buffer>((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks)));
  req.on('error', reject);
});

// SES v2 is restJson1: the error type travels in x-amzn-ErrorType, the message in the JSON body.
function awsError(res: ServerResponse, status: number, type: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': crypto.randomUUID() });
  res.end(JSON.stringify({ message }));
}

export async function startSesStandIn(upstream: string, rule: StandInRule): Promise<SesStandIn> {
  const calls: SesStandIn['calls'] = [];
  let n = 0;
  const forward = async (req: IncomingMessage, body: Buffer) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
    return fetch(upstream + req.url, { method: req.method, headers, body: body.length ? new Uint8Array(body) : undefined });
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const isSend = req.method === 'POST' && req.url?.startsWith('/v2/email/outbound-emails');
    if (!isSend) {
      const up = await forward(req, body);
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await up.arrayBuffer()));
      return;
    }
    n += 1;
    const to: string[] = JSON.parse(body.toString() || '{}')?.Destination?.ToAddresses ?? [];
    const action = rule({ n, to, path: req.url ?? '' });
    calls.push({ n, to, action });
    if (action === 'throttle') return awsError(res, 429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
    if (action === 'server-error') return awsError(res, 500, 'InternalFailure', 'We encountered an internal error.');
    if (action === 'reject') return awsError(res, 400, 'MessageRejected', 'Email address is not verified.');
    if (action === 'drop') return void req.socket.destroy();
    const up = await forward(req, body);
    const text = await up.text();
    // SES took the mail, but the answer never arrives: the sender cannot know it was sent.
    if (action === 'forward-then-drop') return void req.socket.destroy();
    res.writeHead(up.status, { 'content-type': 'application/json' });
    res.end(text);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
