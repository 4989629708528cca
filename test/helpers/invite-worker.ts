// A child process for restart tests: the real sender and SES mailer, built from the environment like the CLI and
// server, in a process a test can kill -9. `drain BATCH` sends one batch; `loop` runs the sender like the Node runtime.
import { parseEnv } from '../../src/core/config.ts';
import { randomToken } from '../../src/core/crypto.ts';
import { createInvitationSender } from '../../src/core/invitation-sender.ts';
import { drainInvitationBatch } from '../../src/core/drain-invitation-batch.ts';
import type { LinkMaker } from '../../src/core/send-invitation.ts';
import { openSqlite } from '../../src/storage/sqlite.ts';
import { makeDeps } from '../../src/runtime/deps.ts';

// Same contract as createSignInLink (issue 3), until that branch is merged.
const makeLink: LinkMaker = async (deps, input) => ({
  url: `${deps.config.issuer}/auth/magic-link?token=${randomToken()}`, expiresAt: deps.clock.now() + input.ttlSeconds * 1000,
});

const [mode, batchId] = process.argv.slice(2);
const config = parseEnv(process.env);
const deps = await makeDeps(config, openSqlite(config.dbPath).db);
const sender = createInvitationSender({ makeLink });
if (mode === 'drain') {
  process.stdout.write(`${JSON.stringify(await drainInvitationBatch(deps, batchId, { sender }))}\n`);
} else {
  process.stdout.write('looping\n');
  for (;;) {
    await sender.run(deps, { budgetMs: 1000 });
    await new Promise((r) => setTimeout(r, 250));
  }
}
