// What every use case receives: configuration, stores, clock, mailer and its templates, and the signing keyring.
import type { Config } from './config.ts';
import type { Stores } from '../ports/index.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { MailTemplates } from '../ports/mail-templates.ts';
import type { Keyring } from '../keys/keyring.ts';
import type { JwtSigner } from '../ports/jwt-signer.ts';
import type { User } from '../ports/users.ts';
import type { SamlServiceProvider } from '../ports/saml.ts';
import type { CognitoSessionVerifier } from '../ports/cognito-sessions.ts';

export interface Deps {
  readonly config: Config;
  readonly stores: Stores;
  readonly clock: Clock;
  readonly mailer: Mailer;
  readonly templates: MailTemplates;
  readonly keyring: Keyring;
  readonly signer: JwtSigner;
  /** HMAC key for short codes (CUTOVER_SECRET or generated once and kept in the database). */
  readonly secret: string;
  /**
   * Just-in-time import (issue 4): set when CUTOVER_COGNITO_USER_POOL_ID is; looks an email unknown to
   * the tenant up in the pool and imports it. Called off the request path by the email sign-in flow.
   */
  readonly jitImport?: (tenant: string, emailNormalized: string) => Promise<User | null>;
  /** SAML service provider (SPEC §10): the Node runtime supplies it; Workers have none. */
  readonly saml?: SamlServiceProvider;
  /** Session swap (SPEC §12): set when CUTOVER_COGNITO_USER_POOL_ID is; checks live Cognito sessions. */
  readonly cognitoSessions?: CognitoSessionVerifier;
}
