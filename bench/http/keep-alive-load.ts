// A lean HTTP/1.1 load generator for the throughput runs: kept-alive connections, each sending its next request as
// soon as it has read the answer to the last. It shares the measured machine's two cores with the server, so its cost
// is taken from the server's figures: autocannon, rebuilding each request made by `setupRequest`, spent ~105 µs of CPU
// per request where this spends ~49 µs (32 connections, 2 KB answers, same run). The server still reads real HTTP
// over real sockets; only the client is smaller.
import { connect, type Socket } from 'node:net';

/** One request of a connection's cycle; `ctx` lives for one cycle of the steps, so a step can use what the one before got. */
export interface Step<C> {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: (ctx: C) => string;
  /** called with the answer's body; only steps that have one decode it */
  onResponse?: (status: number, body: string, ctx: C) => void;
}

export interface LoadRun {
  /** 2xx answers */
  ok: number;
  /** other answers and broken connections */
  failed: number;
  seconds: number;
}

export async function runKeepAliveLoad<C>(url: string, options: { connections: number; seconds: number; steps: Step<C>[]; newContext: () => C }): Promise<LoadRun> {
  const { hostname, port, host } = new URL(url);
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  let ok = 0;
  let failed = 0;
  // The fixed part of each step's request head, built once.
  const heads = options.steps.map((s) => `${s.method} ${s.path} HTTP/1.1\r\nHost: ${host}\r\n${Object.entries(s.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join('')}`);

  const connection = () => new Promise<void>((resolve) => {
    let socket: Socket;
    let step = 0;
    let ctx = options.newContext();
    let pending: Buffer = Buffer.alloc(0);
    const send = () => {
      if (performance.now() >= deadline) {
        socket.destroy();
        resolve();
        return;
      }
      if (step === 0) ctx = options.newContext();
      const s = options.steps[step];
      // A request without a body says nothing of one, as browsers and autocannon send a GET.
      const body = s.body?.(ctx);
      socket.write(body === undefined ? `${heads[step]}\r\n` : `${heads[step]}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const answered = (status: number, body: Buffer) => {
      const s = options.steps[step];
      if (status >= 200 && status < 300) ok += 1;
      else failed += 1;
      s.onResponse?.(status, body.toString('utf8'), ctx);
      step = (step + 1) % options.steps.length;
      send();
    };
    const open = () => {
      socket = connect(Number(port), hostname);
      socket.setNoDelay(true);
      pending = Buffer.alloc(0);
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          const answer = readAnswer(pending);
          if (!answer) return;
          pending = pending.subarray(answer.length);
          answered(answer.status, answer.body);
        }
      });
      socket.on('error', () => {
        failed += 1;
        socket.destroy();
        if (performance.now() < deadline) setImmediate(open);
        else resolve();
      });
    };
    open();
  });

  await Promise.all(Array.from({ length: options.connections }, connection));
  return { ok, failed, seconds: (performance.now() - start) / 1000 };
}

/** One complete answer at the start of `buf` (Content-Length or chunked), or null while it is still arriving. */
function readAnswer(buf: Buffer): { status: number; body: Buffer; length: number } | null {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = buf.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) {
    const end = headEnd + 4 + Number(length[1]);
    return buf.length < end ? null : { status, body: buf.subarray(headEnd + 4, end), length: end };
  }
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return { status, body: Buffer.alloc(0), length: headEnd + 4 };
  const parts: Buffer[] = [];
  let at = headEnd + 4;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
    if (size === 0) {
      const end = buf.indexOf('\r\n', lineEnd + 2); // no trailers are sent: the blank line
      return end < 0 ? null : { status, body: Buffer.concat(parts), length: end + 2 };
    }
    if (buf.length < lineEnd + 2 + size + 2) return null;
    parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
