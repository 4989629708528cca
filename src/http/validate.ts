// Reading a request's body or query through a zod schema (the schemas and parseInput are the core's); bad bodies are 4xx.
import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidRequestError, UnsupportedMediaTypeError } from '../core/shared/errors.ts';
import { parseInput } from '../core/shared/input.ts';
import { bodyText } from './request-body.ts';

/**
 * The media type of a Content-Type header, lower-cased, without parameters (RFC 9110 §8.3.1). Compared whole, never
 * searched: `text/plain;charset=application/json` is text/plain, a type any page may send cross-site without a
 * preflight (Fetch's CORS-safelisted request headers), so it must not pass for JSON.
 */
export function mediaTypeOf(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (mediaTypeOf(c) !== 'application/json') throw new UnsupportedMediaTypeError('body must be JSON (Content-Type: application/json)');
  let data: unknown;
  try {
    data = JSON.parse(await bodyText(c));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new InvalidRequestError('body is not valid JSON');
  }
  return parseInput(schema, data);
}

export async function formBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = mediaTypeOf(c);
  if (type === 'application/x-www-form-urlencoded') {
    // URLSearchParams over the text: several times cheaper than Request.formData() on the token hot path.
    const params = new URLSearchParams(await bodyText(c));
    const data: Record<string, string> = {};
    for (const [k, v] of params) if (!(k in data)) data[k] = v;
    return parseInput(schema, data);
  }
  if (type === 'multipart/form-data') return parseInput(schema, await formFieldsOf(c));
  throw new InvalidRequestError('body must be application/x-www-form-urlencoded');
}

/** A client that hangs up mid-body: nothing to answer, one log line (see errors.ts), never a stack. */
export function isAbortedBody(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && (e.message === 'aborted' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE');
}

/** A form body (urlencoded or multipart) as fields; a malformed one is the client's fault (400), never a 500. */
export async function formFieldsOf(c: Context): Promise<Record<string, string | File>> {
  try {
    return await c.req.parseBody();
  } catch (e) {
    if (isAbortedBody(e)) throw e;
    throw new InvalidRequestError('body is not a valid form (multipart/form-data or application/x-www-form-urlencoded)');
  }
}

export const queryOf = <S extends z.ZodType>(c: Context, schema: S): z.output<S> => parseInput(schema, c.req.query());

