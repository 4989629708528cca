// Plain checks for the SNS notification hot path: each says yes only where the zod schema beside it would accept the
// value as it is, so a well-formed message skips zod's machinery and anything else still gets zod's verdict and error.
import type { z } from 'zod';

/** What z.object() takes: a non-null object that is not an array. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** z.string().min(min).max(max): lengths in UTF-16 code units, as zod counts them. */
export const isText = (v: unknown, max: number, min = 0): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

/** The same, `.optional()`. */
export const isOptionalText = (v: unknown, max: number): v is string | undefined => v === undefined || isText(v, max);

/**
 * `schema`'s verdict on strings it accepted unchanged before, remembered (at most `size` of them): every notification
 * of a subscription names the same signing certificate and unsubscribe URL, and parsing a URL per message is not free.
 */
export function acceptedBefore(schema: z.ZodType<string, unknown>, size = 16): (v: unknown) => boolean {
  const accepted = new Set<string>();
  return (v) => {
    if (typeof v !== 'string') return false;
    if (accepted.has(v)) return true;
    const parsed = schema.safeParse(v);
    // zod may hand back a cleaned value (a URL trimmed): only a value kept as it is may skip zod next time.
    if (!parsed.success || parsed.data !== v) return false;
    if (accepted.size >= size) accepted.clear();
    accepted.add(v);
    return true;
  };
}
