// CONTRACT (issue 3 implements): check a 6-digit email code (5 tries, then dead).
import type { Deps } from './deps.ts';
import type { SignInResult } from './sign-in-result.ts';

export async function verifyEmailCode(_deps: Deps, _input: { email: string; code: string; clientId: string; ip: string }): Promise<SignInResult> {
  throw new Error('verifyEmailCode: not implemented yet (issue 3)');
}
