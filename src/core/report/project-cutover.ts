// The cutover projection (pure): from the observed daily sign-in probability P, when will a target share have signed in?

export interface ProjectionInput {
  /** people who can sign in (imported, enabled) */
  users: number;
  /** of them, those who signed in since their import */
  signedIn: number;
  /** days each person was observed not yet signed in, summed (until their first sign-in, or until now) */
  exposureDays: number;
  /** 0 < targetShare < 1 */
  targetShare: number;
  /** epoch ms; etaDate is counted from its UTC day */
  now: number;
}

export interface Projection {
  /** daily probability that someone not yet signed in signs in; null before anything could be observed */
  p: number | null;
  targetShare: number;
  /** days from today until the target share has signed in (0: reached); null when it will not be reached at this pace */
  days: number | null;
  /** YYYY-MM-DD (UTC), or null with days */
  etaDate: string | null;
}

const DAY_MS = 86_400_000;
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Each person not yet signed in signs in on a given day with probability P, so after D days a share
 * S = 1 − (1 − P)^D of them has. P is estimated by maximum likelihood from the people observed: sign-ins per
 * day of exposure give the rate λ, and P = 1 − e^(−λ). With S0 already signed in, the share after D more days
 * is 1 − (1 − S0)(1 − P)^D; D is the smallest whole number of days reaching the target.
 */
export function projectCutover(input: ProjectionInput): Projection {
  const { users, signedIn, exposureDays, targetShare, now } = input;
  if (!(targetShare > 0 && targetShare < 1)) throw new TypeError('"targetShare" must be between 0 and 1 (exclusive)');
  if (signedIn < 0 || signedIn > users || exposureDays < 0) throw new TypeError('"signedIn" must be within 0..users and "exposureDays" non-negative');
  const p = exposureDays > 0 ? 1 - Math.exp(-signedIn / exposureDays) : null;
  const s0 = users > 0 ? signedIn / users : 0;
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  if (users > 0 && s0 >= targetShare) return { p, targetShare, days: 0, etaDate: isoDate(today) };
  if (p === null || p <= 0 || users === 0) return { p, targetShare, days: null, etaDate: null };
  const days = p >= 1 ? 1 : Math.max(1, Math.ceil(Math.log((1 - targetShare) / (1 - s0)) / Math.log(1 - p) - 1e-9));
  return { p, targetShare, days, etaDate: isoDate(today + days * DAY_MS) };
}

/** A projection needs this many first sign-ins: minutes after an import, one early sign-in reads as P = 100 %. */
export const MIN_SIGN_INS_TO_PROJECT = 3;

/**
 * Too early to project: fewer than MIN_SIGN_INS_TO_PROJECT people signed in, or on average less than one day
 * observed per person (a daily probability measured over minutes says nothing about the days ahead).
 */
export function tooEarlyToProject(atRisk: { users: number; signedIn: number; exposureDays: number }): boolean {
  return atRisk.users > 0 && (atRisk.signedIn < MIN_SIGN_INS_TO_PROJECT || atRisk.exposureDays < atRisk.users);
}

/** The projected share signed in, d days from now (for charts). */
export function projectedShare(s0: number, p: number, d: number): number {
  return 1 - (1 - s0) * (1 - p) ** d;
}
