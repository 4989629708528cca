// Configuration: parsed once from an environment record, validated with zod, frozen.
import { z } from 'zod';
import { parseSesEventsConfig } from '../mail-events/ses-events-config.ts';
import { parseTrustedProxies, type TrustedProxies } from './forwarded-for.ts';

const DURATION = /^(\d+)(s|m|h|d)?$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** "900", "15m", "2h", "30d" → seconds. */
export function parseDuration(value: string): number | null {
  const m = DURATION.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]) * UNIT_SECONDS[(m[2] ?? 's') as keyof typeof UNIT_SECONDS];
  return n > 0 ? n : null;
}

const duration = (fallback: string) =>
  z.string().default(fallback).transform((v, ctx) => {
    const s = parseDuration(v);
    if (s === null) {
      ctx.addIssue({ code: 'custom', message: `must be a positive duration like 900, 15m, 2h or 30d (got "${v}")` });
      return z.NEVER;
    }
    return s;
  });

const rate = (fallback: string) =>
  z.string().default(fallback).transform((v, ctx) => {
    const [count, window] = v.split('/');
    const limit = Number(count);
    const windowSeconds = window ? parseDuration(window) : null;
    if (!Number.isInteger(limit) || limit < 1 || windowSeconds === null) {
      ctx.addIssue({ code: 'custom', message: `must look like 5/15m: a count per window (got "${v}")` });
      return z.NEVER;
    }
    return { limit, windowSeconds };
  });

const bool = (fallback: 'true' | 'false') =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).default(fallback).transform((v) => ['true', '1', 'yes'].includes(v));

const optional = z.string().trim().min(1).optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  CUTOVER_ISSUER: z.string().default('http://localhost:8787').pipe(z.url({ protocol: /^https?$/ }))
    .refine((v) => !URL.canParse(v) || (!new URL(v).search && !new URL(v).hash), 'must have no query or fragment')
    .transform((v) => v.replace(/\/+$/, '')),
  CUTOVER_DB: z.string().min(1).default('./data/cutover.db'),
  // SPEC §9: PostgreSQL (RDS, Aurora) shared by every instance instead of the SQLite file
  CUTOVER_DATABASE_URL: z.string().refine((v) => /^postgres(ql)?:\/\/./.test(v) && URL.canParse(v), 'must be a postgres://user:password@host:5432/database URL').optional(),
  CUTOVER_MIGRATE_ON_START: bool('true'),
  // connections per instance: on Lambda one (one request at a time per execution environment)
  CUTOVER_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // named server-side statements (parsed and planned once per connection); false behind RDS Proxy, which pins a
  // client session to its connection once a named statement is prepared, or PgBouncer in transaction mode before 1.21
  CUTOVER_DATABASE_NAMED_STATEMENTS: bool('true'),
  CUTOVER_MAILER: z.enum(['log', 'ses']).default('log'),
  CUTOVER_EMAIL_FROM: z.string().min(3).default('no-reply@localhost'),
  CUTOVER_COGNITO_USER_POOL_ID: optional,
  CUTOVER_SELF_SIGNUP: bool('true'),
  CUTOVER_RATE_LIMIT_EMAIL: rate('5/15m'),
  CUTOVER_RATE_LIMIT_IP: rate('100/15m'),
  CUTOVER_ACCESS_TOKEN_TTL: duration('1h'),
  CUTOVER_ID_TOKEN_TTL: duration('1h'),
  CUTOVER_REFRESH_TOKEN_TTL: duration('30d'),
  // Auth0's and Okta's reuse interval: long enough for a retry or a second tab, short enough that a stolen token
  // replayed later is still caught as reuse.
  CUTOVER_REFRESH_GRACE: duration('20s').refine((s) => s <= 300, 'must be at most 5m: a longer grace weakens reuse detection'),
  // API Gateway caches a JWKS for up to two hours: a new key is published that long before it signs.
  CUTOVER_KEY_ROTATION_DELAY: duration('125m'),
  CUTOVER_MAGIC_LINK_TTL: duration('15m'),
  CUTOVER_OTP_TTL: duration('10m'),
  CUTOVER_INVITATION_TTL: duration('7d'),
  CUTOVER_SESSION_TTL: duration('30d'),
  CUTOVER_TRUSTED_PROXIES: z.string().default('').transform((v, ctx) => {
    const trust = parseTrustedProxies(v);
    if (!trust) {
      ctx.addIssue({ code: 'custom', message: `must be a number of proxy hops (0-20) or comma-separated CIDRs like 10.0.0.0/8 (got "${v}")` });
      return z.NEVER;
    }
    return trust;
  }),
  CUTOVER_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  CUTOVER_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CUTOVER_PRODUCT_NAME: z.string().min(1).max(80).default('cutover'),
  CUTOVER_BRAND_COLOR: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour').default('#3246d3'),
  CUTOVER_LOGO_URL: z.url().optional(),
  CUTOVER_WEBAUTHN_ORIGINS: z.string().default(''),
  CUTOVER_SES_CONFIGURATION_SET: optional,
  CUTOVER_SES_MAX_SEND_RATE: z.coerce.number().positive().optional(),
  CUTOVER_COGNITO_RPS: z.coerce.number().positive().default(20),
  CUTOVER_SES_EVENTS_TOPIC_ARNS: z.string().default(''),
  CUTOVER_SNS_CERT_HOSTS: optional,
  // SNS retries a delivery for up to an hour under its default policies; older messages are refused as replays.
  CUTOVER_SNS_MAX_AGE: duration('1h'),
  // EventBridge API destination (issue 17): the API key header value its connection sends.
  CUTOVER_SES_EVENTBRIDGE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // SES reviews an account at a 5% bounce or 0.1% complaint rate (SES developer guide, "Sending review process").
  CUTOVER_CAMPAIGN_MAX_BOUNCE_RATE: z.coerce.number().gt(0).lt(1).default(0.05),
  CUTOVER_CAMPAIGN_MAX_COMPLAINT_RATE: z.coerce.number().gt(0).lt(1).default(0.001),
  CUTOVER_CAMPAIGN_MIN_OUTCOMES: z.coerce.number().int().min(1).default(100),
  CUTOVER_SIGN_IN_MAIL_SHARE: z.coerce.number().min(0).lt(1).default(0.2),
  AWS_REGION: optional,
  AWS_ENDPOINT_URL_SESV2: optional,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: optional,
});

export type Env = Record<string, string | undefined>;

export interface Config {
  readonly port: number;
  readonly issuer: string;
  readonly dbPath: string;
  /** PostgreSQL instead of the SQLite file at dbPath, when set. */
  readonly databaseUrl: string | undefined;
  readonly migrateOnStart: boolean;
  readonly databasePoolSize: number;
  /** PostgreSQL: prepare the stores' statements by name on each connection (off behind RDS Proxy). */
  readonly databaseNamedStatements: boolean;
  readonly mailer: 'log' | 'ses';
  readonly emailFrom: string;
  readonly cognitoUserPoolId: string | undefined;
  readonly selfSignup: boolean;
  readonly rateLimitEmail: { limit: number; windowSeconds: number };
  readonly rateLimitIp: { limit: number; windowSeconds: number };
  /** Proxies in front of the server whose X-Forwarded-For is believed (none by default: the socket's peer is the client). */
  readonly trustedProxies: TrustedProxies;
  readonly accessTokenTtl: number;
  readonly idTokenTtl: number;
  /** absolute lifetime of a refresh family, from its sign-in */
  readonly refreshTokenTtl: number;
  /** seconds the token a rotation replaced may be presented again and get the same successor */
  readonly refreshGrace: number;
  readonly keyRotationDelay: number;
  readonly magicLinkTtl: number;
  readonly otpTtl: number;
  readonly invitationTtl: number;
  readonly sessionTtl: number;
  /** Audit events older than this many days are deleted by housekeeping. */
  readonly auditRetentionDays: number;
  /** HMAC key for short codes; when unset one is generated and kept in the database. */
  readonly secret: string | undefined;
  readonly brand: { productName: string; color: string; logoUrl: string | undefined };
  readonly webauthn: { rpId: string; origins: string[] };
  readonly ses: { configurationSet: string | undefined; maxSendRate: number | undefined };
  /** SES events through SNS (SPEC §13): accepted topics, where signing certificates may come from, oldest message. */
  readonly sesEvents: { topicArns: string[]; certHosts: string[]; maxAgeSeconds: number; eventBridgeSecret: string | null };
  /** A campaign pauses when its rates reach these, once it has `minOutcomes` known outcomes; sign-in keeps `signInShare` of the send rate. */
  readonly campaign: { maxBounceRate: number; maxComplaintRate: number; minOutcomes: number; signInShare: number };
  readonly cognito: { requestsPerSecond: number };
  readonly aws: { region: string | undefined; sesEndpoint: string | undefined; cognitoEndpoint: string | undefined };
}

/** Thrown for a bad environment; the message names the variable. */
export class ConfigError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function parseEnv(env: Env): Config {
  // Empty strings count as unset, as in most twelve-factor tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // Unset, the issuer is where `npm start` listens: localhost on the PORT it was given (links and tokens name it).
  if (cleaned.CUTOVER_ISSUER === undefined && cleaned.PORT !== undefined) cleaned.CUTOVER_ISSUER = `http://localhost:${cleaned.PORT}`;
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name} ${issue.message.replace(/^Invalid input: /, '')}`);
  }
  const e = result.data;
  const issuerUrl = new URL(e.CUTOVER_ISSUER);
  const extraOrigins = e.CUTOVER_WEBAUTHN_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  for (const o of extraOrigins) {
    if (!URL.canParse(o)) throw new ConfigError(`CUTOVER_WEBAUTHN_ORIGINS has an invalid origin "${o}"`);
  }
  let sesEvents: Config['sesEvents'];
  try {
    sesEvents = parseSesEventsConfig(e.CUTOVER_SES_EVENTS_TOPIC_ARNS, e.CUTOVER_SNS_CERT_HOSTS, e.AWS_REGION, e.CUTOVER_SNS_MAX_AGE, e.CUTOVER_SES_EVENTBRIDGE_SECRET);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return Object.freeze({
    port: e.PORT,
    issuer: e.CUTOVER_ISSUER,
    dbPath: e.CUTOVER_DB,
    databaseUrl: e.CUTOVER_DATABASE_URL,
    migrateOnStart: e.CUTOVER_MIGRATE_ON_START,
    databasePoolSize: e.CUTOVER_DATABASE_POOL_SIZE,
    databaseNamedStatements: e.CUTOVER_DATABASE_NAMED_STATEMENTS,
    mailer: e.CUTOVER_MAILER,
    emailFrom: e.CUTOVER_EMAIL_FROM,
    cognitoUserPoolId: e.CUTOVER_COGNITO_USER_POOL_ID,
    selfSignup: e.CUTOVER_SELF_SIGNUP,
    rateLimitEmail: e.CUTOVER_RATE_LIMIT_EMAIL,
    rateLimitIp: e.CUTOVER_RATE_LIMIT_IP,
    trustedProxies: e.CUTOVER_TRUSTED_PROXIES,
    accessTokenTtl: e.CUTOVER_ACCESS_TOKEN_TTL,
    idTokenTtl: e.CUTOVER_ID_TOKEN_TTL,
    refreshTokenTtl: e.CUTOVER_REFRESH_TOKEN_TTL,
    refreshGrace: e.CUTOVER_REFRESH_GRACE,
    keyRotationDelay: e.CUTOVER_KEY_ROTATION_DELAY,
    magicLinkTtl: e.CUTOVER_MAGIC_LINK_TTL,
    otpTtl: e.CUTOVER_OTP_TTL,
    invitationTtl: e.CUTOVER_INVITATION_TTL,
    sessionTtl: e.CUTOVER_SESSION_TTL,
    auditRetentionDays: e.CUTOVER_AUDIT_RETENTION_DAYS,
    secret: e.CUTOVER_SECRET,
    brand: Object.freeze({ productName: e.CUTOVER_PRODUCT_NAME, color: e.CUTOVER_BRAND_COLOR, logoUrl: e.CUTOVER_LOGO_URL }),
    webauthn: Object.freeze({ rpId: issuerUrl.hostname, origins: [issuerUrl.origin, ...extraOrigins.map((o) => new URL(o).origin)] }),
    ses: Object.freeze({ configurationSet: e.CUTOVER_SES_CONFIGURATION_SET, maxSendRate: e.CUTOVER_SES_MAX_SEND_RATE }),
    cognito: Object.freeze({ requestsPerSecond: e.CUTOVER_COGNITO_RPS }),
    sesEvents,
    campaign: Object.freeze({
      maxBounceRate: e.CUTOVER_CAMPAIGN_MAX_BOUNCE_RATE, maxComplaintRate: e.CUTOVER_CAMPAIGN_MAX_COMPLAINT_RATE,
      minOutcomes: e.CUTOVER_CAMPAIGN_MIN_OUTCOMES, signInShare: e.CUTOVER_SIGN_IN_MAIL_SHARE,
    }),
    aws: Object.freeze({ region: e.AWS_REGION, sesEndpoint: e.AWS_ENDPOINT_URL_SESV2, cognitoEndpoint: e.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER }),
  });
}

/** Whether the issuer names this machine (localhost, *.localhost, 127.0.0.0/8, [::1]): a newcomer's own computer. */
export function isLocalIssuer(issuer: string): boolean {
  const host = new URL(issuer).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

/**
 * Why a server must not start, or null. The `log` mailer shows everyone's sign-in links at /dev/mail: fine on a
 * newcomer's machine, a takeover of every account anywhere else. So a public issuer with it stops the server.
 */
export function serverStartRefusal(config: Config): string | null {
  if (config.mailer !== 'log' || isLocalIssuer(config.issuer)) return null;
  return `CUTOVER_MAILER=log keeps every sign-in link at /dev/mail and sends no mail: it is for a local issuer only, `
    + `but CUTOVER_ISSUER is ${config.issuer}. Set CUTOVER_MAILER=ses (or use a localhost issuer).`;
}

/** Warnings for dev-only defaults, printed loudly by the runtime entry. */
export function configWarnings(config: Config): string[] {
  const w: string[] = [];
  if (config.issuer.startsWith('http://') && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(config.issuer)) {
    w.push('CUTOVER_ISSUER is plain http on a public host: tokens and links travel unencrypted');
  }
  if (config.mailer === 'log') w.push('CUTOVER_MAILER=log: no mail leaves this machine; read it at /dev/mail');
  return w;
}
