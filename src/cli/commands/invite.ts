// `cutover invite`: create an invitation batch (or count it with --dry-run), optionally send it here with --wait.
import type { Command, CommandContext } from '../command.ts';
import { UsageError } from '../command.ts';
import { countInvitees, type InviteePreview } from '../../core/invitations/count-invitees.ts';
import { createInvitationBatch } from '../../core/invitations/create-invitation-batch.ts';
import { drainInvitationBatch } from '../../core/invitations/drain-invitation-batch.ts';
import { getInvitationProgress, type InvitationProgress } from '../../core/invitations/invitation-progress.ts';
import { listInvitations } from '../../core/invitations/list-invitations.ts';
import { resendUnknownInvitations } from '../../core/invitations/resend-unknown-invitations.ts';
import { invitationRequestSchema } from '../../core/invitations/invitation-request.ts';
import { progressBar } from '../progress-bar.ts';

const FLAGS: Record<string, string> = {
  freshlyMigrated: '--freshly-migrated', userIds: '--user-id', tenant: '--tenant', clientId: '--client-id',
  'ramp.firstCohort': '--ramp-first', 'ramp.growth': '--ramp-growth',
};

/** `--ramp-first N [--ramp-growth F]`: the optional ramp; numbers are checked by the request schema. */
function ramp(v: CommandContext['values']) {
  if (v['ramp-first'] === undefined) {
    if (v['ramp-growth'] !== undefined) throw new UsageError('--ramp-growth needs --ramp-first');
    return {};
  }
  const num = (x: unknown) => (typeof x === 'string' && x.trim() !== '' ? Number(x) : x);
  return { ramp: { firstCohort: num(v['ramp-first']), ...(v['ramp-growth'] !== undefined ? { growth: num(v['ramp-growth']) } : {}) } };
}

function request(ctx: CommandContext) {
  const v = ctx.values;
  const userIds = v['user-id'] as string[] | undefined;
  if (v['freshly-migrated'] && userIds) throw new UsageError('use --freshly-migrated or --user-id, not both');
  if (!v['freshly-migrated'] && !userIds) throw new UsageError('--freshly-migrated (or --user-id ID ...) is required');
  const raw = userIds
    ? { userIds, tenant: v.tenant, clientId: v['client-id'], ...ramp(v) }
    : { freshlyMigrated: true as const, tenant: v.tenant, clientId: v['client-id'], ...ramp(v) };
  // The branch the flags chose: a union's own error would name no flag.
  const parsed = invitationRequestSchema.options[userIds ? 1 : 0].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.');
    throw new UsageError(`${FLAGS[path] ?? FLAGS[String(issue.path[0])] ?? path}: ${issue.message.replace(/^Invalid input: /, '')}`);
  }
  return parsed.data;
}

/** Sends the batch in this process; Ctrl-C stops claiming, lets what is in flight finish, and leaves the rest queued. */
async function waitFor(ctx: CommandContext, batchId: string): Promise<InvitationProgress> {
  const deps = await ctx.deps();
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const bar = progressBar(process.stderr);
  try {
    const progress = await drainInvitationBatch(deps, batchId, { signal: stop.signal, onProgress: (p) => bar.update(p) });
    bar.done(progress);
    if (stop.signal.aborted && !progress.done) {
      throw new Error(`interrupted: batch ${batchId} keeps its queue and resumes on the server, or with: cutover invite --batch ${batchId} --wait`);
    }
    return progress;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const summary = (batchId: string, p: InvitationProgress) =>
  `batch ${batchId}: ${p.queued} queued, ${p.sent} sent, ${p.failed} failed, ${p.unknown} unknown${p.done ? ' (done)' : ''}`;

const LEFT_OUT: Record<keyof InviteePreview['leftOut'], string> = {
  disabled: 'disabled (cannot sign in)',
  noEmail: 'without an email address (nobody to mail; they cannot sign in by email)',
  notFreshlyMigrated: 'already signed in here (not freshly migrated)',
  notInTenant: 'not found in the tenant',
};

function dryRunText(r: InviteePreview): string {
  const lines = [`would invite ${r.wouldQueue} people of tenant ${r.tenant} (client ${r.clientId}); nothing was written`];
  for (const p of r.recipients) lines.push(`  ${p.email}\t${p.userId}`);
  if (r.wouldQueue > r.recipients.length) lines.push(`  ... and ${r.wouldQueue - r.recipients.length} more (--json lists the first ${r.recipients.length})`);
  const out = (Object.keys(LEFT_OUT) as (keyof typeof LEFT_OUT)[]).filter((k) => r.leftOut[k] > 0);
  if (out.length) lines.push('left out:', ...out.map((k) => `  ${r.leftOut[k]} ${LEFT_OUT[k]}`));
  return lines.join('\n');
}

export const invite: Command = {
  name: 'invite',
  summary: 'invite people to sign in without a password (a batch of sign-in links over email)',
  usage: [
    'cutover invite --freshly-migrated [--tenant T] [--client-id C] [--dry-run] [--wait] [--json]',
    '  [--ramp-first N [--ramp-growth F]]   mail N people first, then widen by F (default 2) while bounces and complaints stay low',
    'cutover invite --user-id ID [--user-id ID ...] [--client-id C] [--dry-run] [--wait] [--json]',
    'cutover invite --batch BATCH [--wait] [--unknown] [--json]     progress (--wait: send it here; --unknown: list unknown outcomes)',
    'cutover invite --resend-unknown BATCH [--wait] [--json]         resend what a crash left unknown (may duplicate)',
  ].join('\n'),
  options: {
    'freshly-migrated': { type: 'boolean' }, 'user-id': { type: 'string', multiple: true }, tenant: { type: 'string' },
    'client-id': { type: 'string' }, 'dry-run': { type: 'boolean' }, wait: { type: 'boolean' },
    batch: { type: 'string' }, unknown: { type: 'boolean' }, 'resend-unknown': { type: 'string' },
    'ramp-first': { type: 'string' }, 'ramp-growth': { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    if (typeof v['resend-unknown'] === 'string') {
      const r = await resendUnknownInvitations(await ctx.deps(), v['resend-unknown']);
      ctx.progress(`batch ${r.batchId}: ${r.requeued} unknown invitation(s) queued again${r.settling ? `; ${r.settling} claimed in the last minute may still be answered: ask again shortly` : ''}`);
      const p = v.wait ? await waitFor(ctx, r.batchId) : await getInvitationProgress(await ctx.deps(), r.batchId);
      return { result: { ...r, ...p }, text: summary(r.batchId, p) };
    }
    if (typeof v.batch === 'string') {
      const deps = await ctx.deps();
      if (v.unknown) {
        const { invitations } = await listInvitations(deps, v.batch, { status: 'unknown', limit: 10_000 });
        return { result: { batchId: v.batch, unknown: invitations }, text: invitations.map((i) => `${i.userId}\t${i.email}\t${i.error ?? ''}`).join('\n') || 'no unknown outcomes' };
      }
      const p = v.wait ? await waitFor(ctx, v.batch) : await getInvitationProgress(deps, v.batch);
      return { result: { batchId: v.batch, ...p }, text: summary(v.batch, p) };
    }
    const req = request(ctx);
    if (v['dry-run']) {
      const r = await countInvitees(await ctx.deps(), req);
      return { result: { dryRun: true, ...r }, text: dryRunText(r) };
    }
    const { batchId, queued } = await createInvitationBatch(await ctx.deps(), req);
    ctx.progress(`batch ${batchId}: ${queued} invitation(s) queued`);
    if (!v.wait) {
      return { result: { batchId, queued }, text: `batch ${batchId}: ${queued} queued; the server sends it (follow with: cutover invite --batch ${batchId})` };
    }
    const p = await waitFor(ctx, batchId);
    return { result: { batchId, ...p }, text: summary(batchId, p) };
  },
};
