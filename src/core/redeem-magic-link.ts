// CONTRACT (issue 3 implements): redeem a magic-link token, once.
import type { Deps } from './deps.ts';
import type { SignInResult } from './sign-in-result.ts';

export async function redeemMagicLink(_deps: Deps, _input: { token: string; ip: string }): Promise<SignInResult> {
  throw new Error('redeemMagicLink: not implemented yet (issue 3)');
}
