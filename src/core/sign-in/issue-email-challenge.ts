// Mints the secrets of one sign-in email (a link token, optionally a code) and stores only their hashes.
import type { Deps } from '../shared/deps.ts';
import { hmacSha256, newId, randomDigits, randomToken, sha256 } from '../shared/crypto.ts';
import type { EmailChallenge, NewEmailChallenge } from '../ports/email-challenges.ts';

export const CODE_DIGITS = 6;

export interface ChallengeInput
  extends Pick<EmailChallenge, 'tenant' | 'clientId' | 'emailNormalized' | 'userId' | 'purpose' | 'redirectUri' | 'state' | 'codeChallenge' | 'scope' | 'nonce'> {
  linkTtlSeconds: number;
  /** null: a link-only challenge (invitations) */
  codeTtlSeconds: number | null;
}

export interface IssuedChallenge {
  id: string;
  url: string;
  code: string | null;
  linkExpiresAt: number;
  codeExpiresAt: number;
}

/**
 * The code's HMAC is bound to the tenant and address it was sent to, so a stolen table cannot be brute-forced
 * offline (the key is not in it) and one person's code hash says nothing about another's.
 */
export const codeHashOf = (secret: string, tenant: string, emailNormalized: string, code: string) =>
  hmacSha256(secret, `${tenant}\n${emailNormalized}\n${code}`);

/** Links are built from CUTOVER_ISSUER, never from the request's Host header (a forged Host would steal the token). */
export const magicLinkUrl = (issuer: string, token: string) => `${issuer}/auth/magic-link?token=${encodeURIComponent(token)}`;

type ChallengeDeps = Pick<Deps, 'stores' | 'clock' | 'config' | 'secret'>;

/** The row to store (hashes only) and what to mail (the secrets). */
async function mint(deps: ChallengeDeps, input: ChallengeInput): Promise<{ row: NewEmailChallenge; issued: IssuedChallenge }> {
  const now = deps.clock.now();
  const id = newId('ech');
  // 32 random bytes: the link is a bearer credential that must stay unguessable for its whole life.
  const token = randomToken(32);
  const code = input.codeTtlSeconds === null ? null : randomDigits(CODE_DIGITS);
  const linkExpiresAt = now + input.linkTtlSeconds * 1000;
  const codeExpiresAt = input.codeTtlSeconds === null ? 0 : now + input.codeTtlSeconds * 1000;
  const row: NewEmailChallenge = {
    id,
    tenant: input.tenant,
    clientId: input.clientId,
    emailNormalized: input.emailNormalized,
    userId: input.userId,
    purpose: input.purpose,
    redirectUri: input.redirectUri,
    state: input.state,
    codeChallenge: input.codeChallenge,
    scope: input.scope ?? null,
    nonce: input.nonce ?? null,
    createdAt: now,
    linkExpiresAt,
    codeExpiresAt,
    linkHash: await sha256(token),
    codeHash: code === null ? null : await codeHashOf(deps.secret, input.tenant, input.emailNormalized, code),
  };
  return { row, issued: { id, url: magicLinkUrl(deps.config.issuer, token), code, linkExpiresAt, codeExpiresAt } };
}

export async function issueEmailChallenge(deps: ChallengeDeps, input: ChallengeInput): Promise<IssuedChallenge> {
  const { row, issued } = await mint(deps, input);
  await deps.stores.emailChallenges.insert(row);
  return issued;
}

/** Many challenges stored in one write (an invitation sender's chunk). */
export async function issueEmailChallenges(deps: ChallengeDeps, inputs: ChallengeInput[]): Promise<IssuedChallenge[]> {
  const minted = await Promise.all(inputs.map((input) => mint(deps, input)));
  await deps.stores.emailChallenges.insertMany(minted.map((m) => m.row));
  return minted.map((m) => m.issued);
}
