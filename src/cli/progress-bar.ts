// A one-line progress bar on stderr, drawn only when stderr is a terminal (pipes and --json logs stay clean).
import type { InvitationProgress } from '../core/invitations/invitation-progress.ts';

const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream) {
  const tty = stream.isTTY === true;
  const line = (p: InvitationProgress) => {
    const handled = p.sent + p.failed + p.unknown;
    const ratio = p.queued > 0 ? handled / p.queued : 1;
    const filled = Math.round(ratio * WIDTH);
    return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${handled}/${p.queued}  sent ${p.sent}  failed ${p.failed}  unknown ${p.unknown}`;
  };
  return {
    update(p: InvitationProgress) {
      if (tty) stream.write(`\r${line(p)}\x1b[K`);
    },
    done(p: InvitationProgress) {
      if (tty) stream.write(`\r${line(p)}\x1b[K\n`);
    },
  };
}
