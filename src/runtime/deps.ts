// makeDeps(config, db): wires stores, keyring, mailer and clock for either runtime.
import type { Config } from '../core/shared/config.ts';
import type { Deps } from '../core/shared/deps.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { Mailer } from '../core/ports/mailer.ts';
import { systemClock } from '../core/ports/clock.ts';
import { createKeyring } from '../core/keys/keyring.ts';
import { createJoseJwtSigner } from '../core/keys/jose-jwt-signer.ts';
import type { JwtSigner } from '../core/ports/jwt-signer.ts';
import type { SamlServiceProvider } from '../core/ports/saml.ts';
import { resolveSecret } from '../core/shared/secret.ts';
import { ensureSigningKey } from '../core/keys/ensure-signing-key.ts';
import { ensureAccountClient } from '../core/clients/clients.ts';
import { createStores } from '../storage/index.ts';
import type { Db } from '../storage/db.ts';
import { createMailer } from '../email/create-mailer.ts';
import { createMailTemplates } from '../email/mail-templates.ts';
import { createJitImporter } from '../cognito/jit-import.ts';
import { createCognitoSessionVerifier } from '../cognito/session-verifier.ts';
import { instrumentMailer, instrumentStores, type RuntimeMetrics } from './instrument.ts';

export interface DepsOverrides {
  clock?: Clock;
  mailer?: Mailer;
  /** Node passes its thread-pool signer; jose over WebCrypto otherwise. */
  signer?: JwtSigner;
  /** Counts sign-ins and mail for /metrics (Node server, Lambda). */
  metrics?: RuntimeMetrics;
  /** Node passes its SAML service provider; Workers have none (SAML providers then refuse clearly). */
  saml?: SamlServiceProvider;
}

export async function makeDeps(config: Config, db: Db, overrides: DepsOverrides = {}): Promise<Deps> {
  const metrics = overrides.metrics;
  const stores = metrics ? instrumentStores(createStores(db), metrics) : createStores(db);
  const clock = overrides.clock ?? systemClock;
  const mailer = overrides.mailer ?? createMailer(config, stores, clock);
  const keyring = createKeyring(stores.signingKeys, clock, config);
  const deps: Deps = Object.freeze({
    config, stores, clock, keyring,
    signer: overrides.signer ?? createJoseJwtSigner(),
    mailer: metrics ? instrumentMailer(mailer, metrics) : mailer,
    templates: createMailTemplates(config),
    secret: await resolveSecret(config, stores.settings),
    // Just-in-time import (issue 4): only when a pool is configured.
    ...(config.cognitoUserPoolId ? { jitImport: createJitImporter(config, stores, clock), cognitoSessions: createCognitoSessionVerifier(config) } : {}),
    ...(overrides.saml ? { saml: overrides.saml } : {}),
  });
  return deps;
}

/**
 * Start-up chores every runtime runs once: a signing key and the built-in `account` client. A server owns the
 * client's redirect URI (its CUTOVER_ISSUER); the CLI (`as: 'cli'`) leaves server state it does not own alone.
 */
export async function prepare(deps: Deps, options: { as: 'server' | 'cli' } = { as: 'server' }): Promise<void> {
  await ensureSigningKey(deps);
  await ensureAccountClient(deps, { keepInStep: options.as === 'server' });
}
