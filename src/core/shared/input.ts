// Input validation shared by the HTTP API and the CLI: zod field shapes, and errors that name the offending field.
import { z } from 'zod';
import { InvalidRequestError } from './errors.ts';
import { emailProblem } from './email.ts';

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || undefined;
  const message = issue.message.replace(/^Invalid input: /, '');
  throw new InvalidRequestError(field ? `${field}: ${message}` : message, field);
}

/** Shared field shapes. */
export const fields = {
  // The import's rule (emailProblem), so every address that can be imported can sign in: SMTPUTF8 and IDN included.
  email: z.string().trim().min(3).max(254, 'must be at most 254 characters').superRefine((v, ctx) => {
    const problem = emailProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `must be an email address (${problem})` });
  }),
  clientId: z.string().min(1).max(128),
  tenant: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
  url: z.string().max(2048).url(),
};
