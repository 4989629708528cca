// createStores(db): every port implemented once on drizzle, for better-sqlite3 and D1 alike.
import type { Stores } from '../core/ports/index.ts';
import type { Db } from './db.ts';
import { createUserStore } from './users.ts';
import { createClientStore } from './clients.ts';
import { createResourceServerStore } from './resource-servers.ts';
import { createSigningKeyStore } from './signing-keys.ts';
import { createRefreshTokenStore } from './refresh-tokens.ts';
import { createAdminKeyStore } from './admin-keys.ts';
import { createAuditStore } from './audit.ts';
import { createSettingsStore } from './settings.ts';
import { createEmailChallengeStore } from './email-challenges.ts';
import { createRateLimitStore } from './rate-limits.ts';
import { createSendPaceStore } from './send-pace.ts';
import { createOutboxStore } from './outbox.ts';
import { createPasskeyStore } from './passkeys.ts';
import { createSessionStore } from './sessions.ts';
import { createAuthCodeStore } from './auth-codes.ts';
import { createImportStore } from './imports.ts';
import { createInvitationStore } from './invitations.ts';
import { createAdminUserStore } from './admin-users.ts';
import { createReportStore } from './report.ts';
import { createMailEventStore } from './mail-events.ts';
import { createSuppressionStore } from './suppressions.ts';
import { createProviderStore } from './providers.ts';
import { createFederationStore } from './federation.ts';
import { createHybridLinkStore } from './hybrid-links.ts';
import { createCognitoAuthSessionStore } from './cognito-auth-sessions.ts';

export function createStores(db: Db): Stores {
  return {
    users: createUserStore(db),
    clients: createClientStore(db),
    resourceServers: createResourceServerStore(db),
    signingKeys: createSigningKeyStore(db),
    refreshTokens: createRefreshTokenStore(db),
    adminKeys: createAdminKeyStore(db),
    audit: createAuditStore(db),
    settings: createSettingsStore(db),
    emailChallenges: createEmailChallengeStore(db),
    rateLimits: createRateLimitStore(db),
    sendPace: createSendPaceStore(db),
    outbox: createOutboxStore(db),
    passkeys: createPasskeyStore(db),
    sessions: createSessionStore(db),
    authCodes: createAuthCodeStore(db),
    imports: createImportStore(db),
    invitations: createInvitationStore(db),
    adminUsers: createAdminUserStore(db),
    report: createReportStore(db),
    mailEvents: createMailEventStore(db),
    suppressions: createSuppressionStore(db),
    providers: createProviderStore(db),
    federation: createFederationStore(db),
    hybridLinks: createHybridLinkStore(db),
    cognitoAuthSessions: createCognitoAuthSessionStore(db),
  };
}
