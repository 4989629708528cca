// A request's body as text, read once: straight from the runtime's socket when it offers that, else through Request.
import type { Context } from 'hono';

/**
 * How a runtime reads a body without building a WHATWG Request around it: given the request, a reader of at most
 * `maxBytes` bytes (rejecting with BodyTooLargeError past them), or null when this request cannot be read that way.
 */
export type RawBodyReader = (c: Context) => ((maxBytes: number) => Promise<string>) | null;

/** A body that turned out larger than the limit while being read (it declared no length, or a false one). */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`body must be at most ${maxBytes} bytes`);
  }
}

const READ_BODY = 'cutover.readBody';

/** Set by the body limit for each request it lets through; bodyText uses it. */
export function setBodyText(c: Context, read: () => Promise<string>): void {
  let text: Promise<string> | undefined;
  c.set(READ_BODY as never, (() => (text ??= read())) as never);
}

/**
 * The body as text (UTF-8, BOM stripped, invalid bytes replaced, as Request.text()). Every text or JSON body goes
 * through here, never c.req.text() beside it: a body read from the socket can be read only once.
 */
export function bodyText(c: Context): Promise<string> {
  const read = c.get(READ_BODY as never) as (() => Promise<string>) | undefined;
  return read ? read() : c.req.text();
}
