// GlobalSignOut: the person's every refresh token and hosted session ends, and with them every access token they issued.
import type { Deps } from '../shared/deps.ts';
import { endEverySession } from '../admin/sign-out-user.ts';
import { authenticateCognitoAccess } from './cognito-access.ts';

export async function globalSignOut(deps: Deps, input: { accessToken: string; ip: string }): Promise<void> {
  const { user, payload } = await authenticateCognitoAccess(deps, input.accessToken);
  const now = deps.clock.now();
  const families = await endEverySession(deps, user.id, now, 'global_sign_out');
  await deps.stores.audit.record({ type: 'user.global_sign_out', tenant: user.tenant, userId: user.id, clientId: payload.client_id, ip: input.ip, detail: { refreshTokens: families } }, now);
}
