// The ports the core owns; src/storage implements them for better-sqlite3 and D1 alike.
import type { UserStore } from './users.ts';
import type { ClientStore, ResourceServerStore } from './clients.ts';
import type { SigningKeyStore } from './signing-keys.ts';
import type { RefreshTokenStore } from './refresh-tokens.ts';
import type { AdminKeyStore } from './admin-keys.ts';
import type { AuditStore } from './audit.ts';
import type { SettingsStore } from './settings.ts';
import type { EmailChallengeStore } from './email-challenges.ts';
import type { RateLimitStore } from './rate-limits.ts';
import type { SendPaceStore } from './send-pace.ts';
import type { OutboxStore } from './outbox.ts';
import type { PasskeyStore } from './passkeys.ts';
import type { SessionStore } from './sessions.ts';
import type { AuthCodeStore } from './auth-codes.ts';
import type { ImportStore } from './imports.ts';
import type { InvitationStore } from './invitations.ts';
import type { AdminUserStore } from './admin-users.ts';
import type { ReportStore } from './report.ts';
import type { MailEventStore } from './mail-events.ts';
import type { SuppressionStore } from './suppressions.ts';
import type { HybridLinkStore } from './hybrid-links.ts';

export interface Stores {
  users: UserStore;
  clients: ClientStore;
  resourceServers: ResourceServerStore;
  signingKeys: SigningKeyStore;
  refreshTokens: RefreshTokenStore;
  adminKeys: AdminKeyStore;
  audit: AuditStore;
  settings: SettingsStore;
  emailChallenges: EmailChallengeStore;
  rateLimits: RateLimitStore;
  sendPace: SendPaceStore;
  outbox: OutboxStore;
  passkeys: PasskeyStore;
  sessions: SessionStore;
  authCodes: AuthCodeStore;
  imports: ImportStore;
  invitations: InvitationStore;
  adminUsers: AdminUserStore;
  report: ReportStore;
  mailEvents: MailEventStore;
  suppressions: SuppressionStore;
  hybridLinks: HybridLinkStore;
}

export type * from './users.ts';
export type * from './clients.ts';
export type * from './signing-keys.ts';
export type * from './refresh-tokens.ts';
export type * from './admin-keys.ts';
export type * from './audit.ts';
export type * from './settings.ts';
export type * from './mailer.ts';
export type * from './clock.ts';
export type * from './imports.ts';
export type * from './admin-users.ts';
