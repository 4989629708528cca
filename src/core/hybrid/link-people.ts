// `hybrid link`: links every person imported from a user pool to their own Cognito user, so that when cutover signs
// them in as the pool's OIDC identity provider, Cognito finds the existing user (same Cognito `sub`) instead of
// creating a new one. Remembers who is linked: a re-run links nobody twice.
import type { Deps } from '../shared/deps.ts';
import type { PersonToLink } from '../ports/hybrid-links.ts';

export type LinkOutcome =
  | { status: 'linked' }
  /** Cognito already had exactly this link (made by hand, or by a run whose memory was lost) */
  | { status: 'already_linked' }
  | { status: 'failed'; reason: string };

/** What `hybrid link` needs of Cognito: one AdminLinkProviderForUser, throttling handled inside. */
export interface IdentityLinker {
  /** Links identity `subject` (cutover's `sub`) of the provider to Cognito user `username`. */
  link(username: string, subject: string): Promise<LinkOutcome>;
}

export interface HybridLinkReport {
  userPoolId: string;
  providerName: string;
  dryRun: boolean;
  /** linked by this run */
  linked: number;
  /** found already linked in Cognito by this run, now remembered */
  alreadyLinked: number;
  /** linked by an earlier run: not asked again */
  previouslyLinked: number;
  /** dry run: who would be linked */
  wouldLink: number;
  failed: { userId: string; email: string | null; username: string; reason: string }[];
}

const PAGE = 200;

export async function linkPeople(
  deps: Pick<Deps, 'stores' | 'clock'>,
  linker: IdentityLinker,
  options: { userPoolId: string; providerName: string; dryRun: boolean; concurrency?: number; onProgress?: (done: number) => void },
): Promise<HybridLinkReport> {
  const { userPoolId, providerName, dryRun } = options;
  const store = deps.stores.hybridLinks;
  const report: HybridLinkReport = {
    userPoolId, providerName, dryRun, linked: 0, alreadyLinked: 0, previouslyLinked: await store.count(userPoolId, providerName), wouldLink: 0, failed: [],
  };
  const linkOne = async (person: PersonToLink) => {
    // The subject Cognito will see in cutover's ID tokens: cutover's own user id (`sub`).
    const outcome = await linker.link(person.username, person.userId);
    if (outcome.status === 'failed') {
      report.failed.push({ userId: person.userId, email: person.email, username: person.username, reason: outcome.reason });
      return;
    }
    // Remembered at once, so an interrupted run loses nothing.
    await store.record(userPoolId, providerName, person, deps.clock.now());
    report[outcome.status === 'linked' ? 'linked' : 'alreadyLinked']++;
  };
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const page = await store.pending(userPoolId, providerName, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1].cognitoSub;
    if (dryRun) {
      report.wouldLink += page.length;
      continue;
    }
    // A few calls in flight; the linker's limiter paces them under the quota.
    let next = 0;
    const worker = async () => {
      while (next < page.length) await linkOne(page[next++]);
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    done += page.length;
    options.onProgress?.(done);
  }
  return report;
}

export function hybridLinkText(r: HybridLinkReport): string {
  const head = r.dryRun
    ? `dry run: ${r.wouldLink} people of ${r.userPoolId} would be linked to ${r.providerName} (${r.previouslyLinked} already are)`
    : `${r.userPoolId} → ${r.providerName}: ${r.linked} linked now, ${r.alreadyLinked} found already linked, ${r.previouslyLinked} linked by earlier runs, ${r.failed.length} could not be linked`;
  const lines = [head];
  if (r.failed.length > 0) lines.push('not linked (fix, then run again: only these are retried):');
  for (const f of r.failed) lines.push(`  ${f.email ?? f.userId} (Cognito user ${f.username}): ${f.reason}`);
  return lines.join('\n');
}
