// The SQLite schema (better-sqlite3 and D1): drizzle-kit generates db/sqlite/migrations from it.
// Times are epoch milliseconds (integer); JSON blobs are text; booleans are 0/1 integers.
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

const bool = (name: string) => integer(name, { mode: 'boolean' });

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  tenant: text('tenant').notNull(),
  email: text('email'),
  // lower-cased, trimmed email; the unique index below is what sign-in and import look up
  emailNormalized: text('email_normalized'),
  emailVerified: bool('email_verified').notNull().default(false),
  enabled: bool('enabled').notNull().default(true),
  freshlyMigrated: bool('freshly_migrated').notNull().default(false),
  profile: text('profile').notNull().default('{}'),
  attributes: text('attributes').notNull().default('{}'),
  roles: text('roles').notNull().default('[]'),
  // federated provider links (Cognito `identities`), JSON array
  identities: text('identities').notNull().default('[]'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  lastSignInAt: integer('last_sign_in_at'),
  emailVerifiedAt: integer('email_verified_at'),
}, (t) => [
  uniqueIndex('users_tenant_email').on(t.tenant, t.emailNormalized),
  index('users_tenant_fresh').on(t.tenant, t.freshlyMigrated, t.id),
  // the admin people list pages a tenant in id order: without it every page sorted the whole tenant
  index('users_tenant_id').on(t.tenant, t.id),
]);

export const legacyLinks = sqliteTable('legacy_links', {
  userPoolId: text('user_pool_id').notNull(),
  sub: text('sub').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  username: text('username').notNull(),
  status: text('status'),
  // hash of the source record, so a re-import can tell `unchanged` from `updated`
  sourceHash: text('source_hash'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.userPoolId, t.sub] }),
  index('legacy_links_sub').on(t.sub),
  index('legacy_links_user').on(t.userId),
]);

export const clients = sqliteTable('clients', {
  id: text('id').primaryKey(),
  tenant: text('tenant').notNull(),
  name: text('name').notNull(),
  redirectUris: text('redirect_uris').notNull().default('[]'),
  audience: text('audience'),
  // scopes the client may be granted beyond openid, email and profile, JSON array (aws.cognito.signin.user.admin,
  // phone, resource servers' identifier/name)
  scopes: text('scopes').notNull().default('[]'),
  createdAt: integer('created_at').notNull(),
  // SPEC §8: public clients use PKCE; confidential ones authenticate with a secret, kept only as SHA-256
  confidential: bool('confidential').notNull().default(false),
  secretHash: text('secret_hash'),
  // a rotated-out secret keeps working until previous_secret_expires_at, so apps can roll without downtime
  previousSecretHash: text('previous_secret_hash'),
  previousSecretExpiresAt: integer('previous_secret_expires_at'),
  grantTypes: text('grant_types').notNull().default('["authorization_code","refresh_token"]'),
  logoutUris: text('logout_uris').notNull().default('[]'),
  // which custom:* attributes reach ID tokens; null: all of them (Cognito's default)
  readAttributes: text('read_attributes'),
  // seconds; null: the instance's CUTOVER_*_TTL
  accessTokenTtl: integer('access_token_ttl'),
  idTokenTtl: integer('id_token_ttl'),
  refreshTokenTtl: integer('refresh_token_ttl'),
  updatedAt: integer('updated_at'),
  // SPEC §12: may trade a live Cognito session for a token set (RFC 8693 token exchange); off unless set
  allowCognitoSessionSwap: bool('allow_cognito_session_swap').notNull().default(false),
}, (t) => [index('clients_tenant').on(t.tenant, t.id)]);

// Cognito resource servers: an API's identifier and its custom scopes, written `identifier/name` in tokens.
export const resourceServers = sqliteTable('resource_servers', {
  tenant: text('tenant').notNull(),
  identifier: text('identifier').notNull(),
  name: text('name').notNull(),
  scopes: text('scopes').notNull().default('[]'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenant, t.identifier] })]);

// Hybrid mode (SPEC §8): which Cognito users `hybrid link` has linked to cutover as an OIDC provider of their pool
// (AdminLinkProviderForUser, Cognito_Subject = cutover's sub), so a re-run links nobody twice.
export const hybridLinks = sqliteTable('hybrid_links', {
  userPoolId: text('user_pool_id').notNull(),
  providerName: text('provider_name').notNull(),
  // the Cognito user (DestinationUser) and the cutover person whose sub became its linked identity
  username: text('username').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  linkedAt: integer('linked_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userPoolId, t.providerName, t.username] })]);

export const signingKeys = sqliteTable('signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull(),
  publicJwk: text('public_jwk').notNull(),
  privateJwk: text('private_jwk').notNull(),
  createdAt: integer('created_at').notNull(),
  // the key is published from creation and signs from activate_at until the next key activates
  activateAt: integer('activate_at').notNull(),
}, (t) => [index('signing_keys_activate').on(t.activateAt)]);

// One row per sign-in session. It holds only its current refresh token (as SHA-256): a rotation replaces the hash in
// one conditional UPDATE by primary key, because the token text carries the family id. An older token of the family
// is still recognised (reuse) without keeping a row per token ever issued.
export const refreshFamilies = sqliteTable('refresh_families', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  clientId: text('client_id').notNull(),
  scope: text('scope').notNull(),
  amr: text('amr').notNull().default('[]'),
  authTime: integer('auth_time').notNull(),
  createdAt: integer('created_at').notNull(),
  revokedAt: integer('revoked_at'),
  revokedReason: text('revoked_reason'),
  /** SHA-256 of the current refresh token; null once a family has none (e.g. upgraded without a live token) */
  tokenHash: text('token_hash'),
  // absolute: set when the family starts and never extended by a rotation (Cognito's refresh validity is absolute)
  tokenExpiresAt: integer('token_expires_at'),
  rotatedAt: integer('rotated_at'),
  /** SHA-256 of the token the last rotation replaced: presented again within the grace it gets the same successor */
  prevTokenHash: text('prev_token_hash'),
}, (t) => [index('refresh_families_user').on(t.userId)]);

// Frozen since migration 0001: the tokens issued before their text named the family. Read only, to find the family
// of such a token; nothing writes here any more.
export const refreshTokens = sqliteTable('refresh_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  familyId: text('family_id').notNull().references(() => refreshFamilies.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
}, (t) => [index('refresh_tokens_family').on(t.familyId)]);

export const adminKeys = sqliteTable('admin_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
});

export const auditEvents = sqliteTable('audit_events', {
  id: text('id').primaryKey(),
  at: integer('at').notNull(),
  type: text('type').notNull(),
  tenant: text('tenant'),
  userId: text('user_id'),
  clientId: text('client_id'),
  ip: text('ip'),
  // who did it: `admin_key:<id>` or `user:<id>` for admin actions (SPEC §11), null for a person's own steps
  actor: text('actor'),
  detail: text('detail').notNull().default('{}'),
}, (t) => [
  index('audit_events_type_at').on(t.type, t.at),
  // a person's events, newest first (the console's person page, GET /v1/admin/audit?userId=)
  index('audit_events_user').on(t.userId, t.at, t.id),
  // the audit log pages newest first by (at, id), filtered or not
  index('audit_events_at').on(t.at, t.id),
]);

// One sign-in email: a link token and/or a code, both stored hashed (issue 3).
export const emailChallenges = sqliteTable('email_challenges', {
  id: text('id').primaryKey(),
  tenant: text('tenant').notNull(),
  clientId: text('client_id').notNull(),
  emailNormalized: text('email_normalized').notNull(),
  userId: text('user_id'),
  purpose: text('purpose').notNull().default('sign-in'),
  linkHash: text('link_hash').unique(),
  codeHash: text('code_hash'),
  redirectUri: text('redirect_uri'),
  state: text('state'),
  codeChallenge: text('code_challenge'),
  // OIDC authorization request parameters the code must carry after a link opened elsewhere (SPEC §8)
  scope: text('scope'),
  nonce: text('nonce'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  linkExpiresAt: integer('link_expires_at').notNull(),
  codeExpiresAt: integer('code_expires_at').notNull(),
  consumedAt: integer('consumed_at'),
}, (t) => [index('email_challenges_email').on(t.tenant, t.emailNormalized, t.createdAt)]);

// Fixed-window counters shared by every instance (rate limits, failure counts).
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

// Outgoing mail, written on the request path and sent off it; with the `log` mailer it is the mailbox.
export const outbox = sqliteTable('outbox', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  status: text('status').notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: integer('next_attempt_at').notNull(),
  messageId: text('message_id'),
  error: text('error'),
  createdAt: integer('created_at').notNull(),
  sentAt: integer('sent_at'),
}, (t) => [index('outbox_status_next').on(t.status, t.nextAttemptAt), index('outbox_message').on(t.messageId)]);

export const passkeys = sqliteTable('passkeys', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  publicKey: text('public_key').notNull(),
  counter: integer('counter').notNull().default(0),
  transports: text('transports').notNull().default('[]'),
  aaguid: text('aaguid'),
  deviceType: text('device_type'),
  backupEligible: bool('backup_eligible').notNull().default(false),
  backedUp: bool('backed_up').notNull().default(false),
  name: text('name').notNull(),
  flaggedAt: integer('flagged_at'),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at'),
}, (t) => [index('passkeys_user').on(t.userId)]);

export const webauthnChallenges = sqliteTable('webauthn_challenges', {
  challengeHash: text('challenge_hash').primaryKey(),
  kind: text('kind').notNull(),
  userId: text('user_id'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  consumedAt: integer('consumed_at'),
});

// Hosted-page sessions: the cookie holds a random id, the database its SHA-256.
export const sessions = sqliteTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  amr: text('amr').notNull().default('[]'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  revokedAt: integer('revoked_at'),
}, (t) => [index('sessions_user').on(t.userId)]);

export const authCodes = sqliteTable('auth_codes', {
  codeHash: text('code_hash').primaryKey(),
  clientId: text('client_id').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  redirectUri: text('redirect_uri').notNull(),
  codeChallenge: text('code_challenge'),
  scope: text('scope').notNull(),
  amr: text('amr').notNull().default('[]'),
  authTime: integer('auth_time').notNull(),
  nonce: text('nonce'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  consumedAt: integer('consumed_at'),
  // the refresh family the code's exchange started: a replayed code revokes it (RFC 6749 §4.1.2)
  familyId: text('family_id'),
});

export const importConflicts = sqliteTable('import_conflicts', {
  userPoolId: text('user_pool_id').notNull(),
  legacySub: text('legacy_sub').notNull(),
  tenant: text('tenant').notNull(),
  username: text('username'),
  email: text('email'),
  reason: text('reason').notNull(),
  record: text('record').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userPoolId, t.legacySub] }), index('import_conflicts_tenant').on(t.tenant)]);

export const importRuns = sqliteTable('import_runs', {
  id: text('id').primaryKey(),
  source: text('source').notNull(),
  tenant: text('tenant').notNull(),
  cursor: text('cursor'),
  counts: text('counts').notNull().default('{}'),
  startedAt: integer('started_at').notNull(),
  finishedAt: integer('finished_at'),
});

export const invitationBatches = sqliteTable('invitation_batches', {
  id: text('id').primaryKey(),
  tenant: text('tenant').notNull(),
  clientId: text('client_id').notNull(),
  queued: integer('queued').notNull(),
  createdAt: integer('created_at').notNull(),
  doneAt: integer('done_at'),
  // Campaign protection (issue 17): a paused batch is never claimed from; rates count outcomes seen since rate_since.
  pausedAt: integer('paused_at'),
  pauseReason: text('pause_reason'),
  rateSince: integer('rate_since'),
  // The optional ramp (issue 17): only recipients whose position is at most ramp_limit may be mailed; the limit grows
  // by ramp_growth once the cohort before it is settled and its rates are under the thresholds. Null: no ramp.
  rampFirst: integer('ramp_first'),
  rampGrowth: real('ramp_growth'),
  rampLimit: integer('ramp_limit'),
});

// One row per (batch, person): the guarantee that nobody is invited twice by a batch.
export const invitations = sqliteTable('invitations', {
  batchId: text('batch_id').notNull().references(() => invitationBatches.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull(),
  email: text('email').notNull(),
  // queued → sending → sent | failed | unknown; queued → suppressed (the address may not be invited)
  status: text('status').notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: integer('next_attempt_at').notNull(),
  messageId: text('message_id'),
  error: text('error'),
  sentAt: integer('sent_at'),
  // SHA-256 of the one-click unsubscribe token in the mail's List-Unsubscribe header (RFC 8058)
  unsubscribeHash: text('unsubscribe_hash'),
  unsubscribedAt: integer('unsubscribed_at'),
  // 1-based place in a ramped campaign's random order (null without a ramp)
  position: integer('position'),
}, (t) => [
  primaryKey({ columns: [t.batchId, t.userId] }), index('invitations_status').on(t.status, t.nextAttemptAt),
  index('invitations_message').on(t.messageId), uniqueIndex('invitations_unsubscribe').on(t.unsubscribeHash),
  index('invitations_position').on(t.batchId, t.position),
]);

// What SES said happened to each mail after it took it (issue 17), by SES MessageId. `rank` orders the statuses so
// a late or repeated event never takes a mail back (delivered stays delivered when a late Send arrives).
export const mailStatus = sqliteTable('mail_status', {
  messageId: text('message_id').primaryKey(),
  // the invitation batch the mail belongs to; null for sign-in and other mail
  batchId: text('batch_id'),
  kind: text('kind').notNull(),
  email: text('email'),
  status: text('status').notNull(),
  rank: integer('rank').notNull(),
  detail: text('detail'),
  eventAt: integer('event_at').notNull(),
  firstSeenAt: integer('first_seen_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [index('mail_status_batch').on(t.batchId, t.status)]);

// Addresses no invitation goes to: a permanent bounce, a complaint, an unsubscribe, SES's own suppression list.
export const suppressions = sqliteTable('suppressions', {
  emailNormalized: text('email_normalized').primaryKey(),
  reason: text('reason').notNull(),
  messageId: text('message_id'),
  detail: text('detail'),
  createdAt: integer('created_at').notNull(),
});

// SNS messages already taken (replay protection), keyed by their signed Timestamp (epoch ms) first: SNS MessageIds are
// random UUIDs, and keyed by them alone each notification wrote a b-tree page of its own; in time order the ones that
// arrive together share the last page. A replay carries the same signed Timestamp, so it meets its key. WITHOUT ROWID
// (written in migration 0014: drizzle cannot say it): the key is the table, one b-tree instead of three. Pruned by
// sent_at once older than the accepted message age.
export const snsMessageIds = sqliteTable('sns_message_ids', {
  sentAt: integer('sent_at').notNull(),
  messageId: text('message_id').notNull(),
}, (t) => [primaryKey({ columns: [t.sentAt, t.messageId] })]);

// SNS MessageIds taken before sns_message_ids (migration 0014): still read, so a replay of one is refused until the
// prune forgets it, and no longer written. Empty one accepted message age after the upgrade.
export const snsMessages = sqliteTable('sns_messages', {
  messageId: text('message_id').primaryKey(),
  receivedAt: integer('received_at').notNull(),
}, (t) => [index('sns_messages_received').on(t.receivedAt)]);

// Send schedules every instance shares (the SES account's send rate): when the next free slot starts. Epoch ms,
// fractional: at 2,000 sends/s a slot is half a millisecond.
export const sendPace = sqliteTable('send_pace', {
  key: text('key').primaryKey(),
  nextSlotAt: real('next_slot_at').notNull(),
});

// Process-wide values every instance must share (e.g. the generated HMAC secret).
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// Federated sign-in (SPEC §10): the upstream identity providers of a tenant. `config` is JSON without secrets;
// `secret_sealed` is the client secret, Apple's private key or a SAML key, sealed with AES-GCM (usable, so not hashed).
export const identityProviders = sqliteTable('identity_providers', {
  tenant: text('tenant').notNull(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  config: text('config').notNull().default('{}'),
  secretSealed: text('secret_sealed'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenant, t.name] })]);

// One federated sign-in under way: keyed by SHA-256 of the `state` sent upstream; spent once (consumed_at).
// The PKCE verifier and nonce are HMACs of the state, so nothing usable is stored here.
export const federatedRequests = sqliteTable('federated_requests', {
  stateHash: text('state_hash').primaryKey(),
  tenant: text('tenant').notNull(),
  provider: text('provider').notNull(),
  // the downstream authorization request the sign-in ends in (SignInResult's fields)
  clientId: text('client_id').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  state: text('state'),
  codeChallenge: text('code_challenge'),
  scope: text('scope'),
  nonce: text('nonce'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  consumedAt: integer('consumed_at'),
}, (t) => [index('federated_requests_expires').on(t.expiresAt)]);

// A person's links to upstream identities, (tenant, provider name, upstream subject) → user. `status`: active;
// untrusted (imported from a Cognito user whose email was unverified: usable once the email is proven);
// pending (an email match waiting for the person to prove the account in the browser holding `pending_hash`'s cookie).
export const federatedLinks = sqliteTable('federated_links', {
  tenant: text('tenant').notNull(),
  provider: text('provider').notNull(),
  subject: text('subject').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  status: text('status').notNull(),
  pendingHash: text('pending_hash'),
  pendingExpiresAt: integer('pending_expires_at'),
  email: text('email'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  lastUsedAt: integer('last_used_at'),
}, (t) => [
  primaryKey({ columns: [t.tenant, t.provider, t.subject] }),
  index('federated_links_user').on(t.userId),
  index('federated_links_pending').on(t.pendingHash),
]);

// SAML assertion IDs already accepted (replay cache shared by every instance), kept until the assertion expires.
export const samlAssertions = sqliteTable('saml_assertions', {
  id: text('id').primaryKey(),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('saml_assertions_expires').on(t.expiresAt)]);

// The `Session` of Cognito's JSON API (InitiateAuth → RespondToAuthChallenge): the caller holds a random handle,
// the database its SHA-256; spent once, by one conditional UPDATE, and dead after `expires_at`.
export const cognitoAuthSessions = sqliteTable('cognito_auth_sessions', {
  idHash: text('id_hash').primaryKey(),
  clientId: text('client_id').notNull(),
  username: text('username').notNull(),
  challenge: text('challenge').notNull(),
  data: text('data').notNull().default('{}'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  spentAt: integer('spent_at'),
}, (t) => [index('cognito_auth_sessions_expiry').on(t.expiresAt)]);
