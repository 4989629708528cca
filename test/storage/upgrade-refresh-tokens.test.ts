// Upgrading a database from 0000 (a row per refresh token) to 0001 (the current token in its family) keeps sessions alive.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/shared/crypto.ts';
import { familyIdOf } from '../../src/core/tokens/refresh-token-text.ts';
import { redeemRefreshToken } from '../../src/core/tokens/refresh-grant.ts';
import { MIGRATIONS_DIR } from '../../src/runtime/node/open-sqlite.ts';
import { makeTestApp, tempDbPath } from '../helpers/app.ts';

/** A migrations folder holding only 0000, as a database created before the upgrade saw it. */
function firstMigrationOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-mig-'));
  mkdirSync(join(dir, 'meta'));
  cpSync(join(MIGRATIONS_DIR, '0000_init.sql'), join(dir, '0000_init.sql'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'));
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  return dir;
}

describe('upgrade 0000 → 0001', () => {
  it('keeps the newest unused token of each family: it refreshes into the new form, and an older one still counts as reuse', async () => {
    const path = tempDbPath();
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: firstMigrationOnly() });
    const now = Date.now();
    const [used, live] = ['old-token-used', 'old-token-live'];
    old.prepare(`insert into users (id, tenant, email, email_normalized, email_verified, created_at, updated_at) values ('usr_1', 'default', 'a@example.com', 'a@example.com', 1, 1, 1)`).run();
    old.prepare(`insert into refresh_families (id, user_id, client_id, scope, amr, auth_time, created_at) values ('rtf_01ARZ3NDEKTSV4RRFFQ69G5FAV', 'usr_1', 'account', 'openid', '["otp"]', 1, 1)`).run();
    const token = old.prepare('insert into refresh_tokens (token_hash, family_id, created_at, expires_at, used_at) values (?, ?, ?, ?, ?)');
    token.run(await sha256(used), 'rtf_01ARZ3NDEKTSV4RRFFQ69G5FAV', now - 2000, now + 86400_000, now - 1000);
    token.run(await sha256(live), 'rtf_01ARZ3NDEKTSV4RRFFQ69G5FAV', now - 1000, now + 86400_000, null);
    old.close();

    const t = await makeTestApp({ CUTOVER_DB: path }); // applies 0001
    const family = await t.deps.stores.refreshTokens.findFamily('rtf_01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(family).toMatchObject({ tokenHash: await sha256(live), revokedAt: null });

    const account = (await t.deps.stores.clients.findById('account'))!;
    const set = await redeemRefreshToken(t.deps, { refreshToken: live, client: account });
    expect(familyIdOf(set.refresh_token)).toBe('rtf_01ARZ3NDEKTSV4RRFFQ69G5FAV');
    const next = await redeemRefreshToken(t.deps, { refreshToken: set.refresh_token, client: account });
    // an old token used before the upgrade is still recognised as one of the family: reuse, the family ends
    await expect(redeemRefreshToken(t.deps, { refreshToken: used, client: account })).rejects.toMatchObject({ code: 'invalid_grant' });
    await expect(redeemRefreshToken(t.deps, { refreshToken: next.refresh_token, client: account })).rejects.toMatchObject({ code: 'invalid_grant' });
    expect(await t.deps.stores.refreshTokens.findFamily('rtf_01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatchObject({ revokedAt: expect.any(Number) });
  });
});
