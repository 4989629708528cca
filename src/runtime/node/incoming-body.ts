// Node's raw body reader: a request body read straight from the IncomingMessage, counted against the limit.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { BodyTooLargeError, type RawBodyReader } from '../../http/request-body.ts';

export const readIncomingBody: RawBodyReader = (c: Context) => {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const method = c.req.method;
  // Only a body nobody has started on (a GET has none to read); anything else goes the WHATWG way. Checked again
  // when read: a middleware between (the console's c.req.parseBody) may have read it through Request meanwhile.
  if (!incoming || method === 'GET' || method === 'HEAD' || incoming.readableDidRead) return null;
  return (maxBytes) => incoming.readableDidRead ? c.req.text() : new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.off('data', onData);
        incoming.pause(); // the 413 says Connection: close; the rest is never read
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    incoming.on('data', onData);
    incoming.once('end', () => resolve(new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    incoming.once('error', reject);
    incoming.once('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  });
};
