/** @jsxImportSource hono/jsx */
// The account page: profile, passkeys (add, rename, remove), sign out, and the first-visit prompt for migrated people.
import type { Config } from '../../core/shared/config.ts';
import type { User } from '../../core/ports/users.ts';
import type { PasskeySummary } from '../../core/passkeys/list-passkeys.ts';
import type { Locale } from './i18n.ts';
import { Layout } from './layout.tsx';
import { PAGE_SCRIPTS } from './login.tsx';
import { formatDate, messagesFor, type Messages } from './messages.ts';

export type AccountNotice = 'added' | 'renamed' | 'removed' | 'signed-in';

const NOTICE: Record<AccountNotice, keyof Messages> = { added: 'passkeyAdded', renamed: 'passkeyRenamed', removed: 'passkeyRemoved', 'signed-in': 'emailConfirmed' };

export function AccountPage(props: { config: Config; locale: Locale; user: User; passkeys: PasskeySummary[]; links?: { provider: string; subject: string }[]; notice?: AccountNotice; error?: string; confirmRemove?: string }) {
  const { user, locale } = props;
  const m = messagesFor(locale);
  const q = `?lang=${locale}`;
  const removing = props.confirmRemove ? props.passkeys.find((p) => p.id === props.confirmRemove) : undefined;
  const name = user.profile.name ?? [user.profile.given_name, user.profile.family_name].filter(Boolean).join(' ');
  const canAddPasskey = user.emailVerified && !!user.email;
  const needsConfirm = user.freshlyMigrated || !user.emailVerified;
  return (
    <Layout title={m.accountTitle} locale={locale} config={props.config} wide switchPath="/account" scripts={PAGE_SCRIPTS}
      data={{ page: 'account', 'msg-working': m.passkeyWorking, 'msg-failed': m.passkeyFailed, 'msg-unsupported': m.passkeyUnsupported }}>
      <h1>{m.accountTitle}</h1>
      {props.notice && <p class="notice" role="status">{m[NOTICE[props.notice]] as string}</p>}
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {removing && (
        // Removing a passkey is one more step: a mis-click must not take away a way in.
        <section class="notice" role="alertdialog" aria-labelledby="confirm-remove">
          <p id="confirm-remove"><strong>{m.confirmRemove(removing.name)}</strong></p>
          <form method="post" action={`/account/passkeys/${encodeURIComponent(removing.id)}/remove${q}`}>
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="danger">{m.remove}</button> <a href={`/account${q}`}>{m.cancel}</a>
          </form>
        </section>
      )}

      {(needsConfirm || props.passkeys.length === 0) && (
        <section class="prompt" aria-labelledby="prompt-title">
          <h2 id="prompt-title">{needsConfirm ? m.welcomeTitle : m.addPasskey}</h2>
          {needsConfirm && <>
            <p>{m.welcomeConfirm}</p>
            <form method="post" action={`/account/confirm-email${q}`}>
              <button type="submit">{m.confirmEmail}</button>
            </form>
            <p>{m.welcomeAddPasskey}</p>
          </>}
          {!needsConfirm && <p>{m.addPasskeyHint}</p>}
        </section>
      )}

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{m.profile}</h2>
        <dl>
          <dt>{m.email}</dt>
          <dd>{user.email ?? '—'} <span class="muted">({user.emailVerified ? m.verified : m.notVerified})</span></dd>
          {name && <><dt>{m.name}</dt><dd>{name}</dd></>}
        </dl>
      </section>

      <section aria-labelledby="passkeys-title">
        <h2 id="passkeys-title">{m.passkeys}</h2>
        {props.passkeys.length === 0 && <p>{m.noPasskeys}</p>}
        <ul class="passkeys">
          {props.passkeys.map((p) => (
            <li>
              <div class="pk-head">
                <span class="pk-name">{p.name}</span>
                <span class="muted">{p.deviceType === 'multiDevice' ? m.synced : m.thisDevice}</span>
              </div>
              <p class="muted" style="margin:.25rem 0 0">
                {m.created} {formatDate(locale, p.createdAt)} · {m.lastUsed} {p.lastUsedAt ? formatDate(locale, p.lastUsedAt) : m.never}
              </p>
              {p.flaggedAt && <p class="error">{m.flagged}</p>}
              <div class="pk-actions">
                <form method="post" action={`/account/passkeys/${encodeURIComponent(p.id)}/rename${q}`}>
                  <span>
                    <label for={`name-${p.id}`}>{m.passkeyName}</label>
                    <input id={`name-${p.id}`} name="name" type="text" required maxlength={64} value={p.name} autocomplete="off" />
                  </span>
                  <button type="submit" class="small secondary">{m.rename}</button>
                </form>
                <form method="get" action="/account">
                  <input type="hidden" name="remove" value={p.id} />
                  <input type="hidden" name="lang" value={locale} />
                  <button type="submit" class="small danger" aria-label={`${m.remove}: ${p.name}`}>{m.remove}</button>
                </form>
              </div>
            </li>
          ))}
        </ul>
        {canAddPasskey
          ? <>
            <button type="button" id="add-passkey" hidden>{m.addPasskey}</button>
            <p id="passkey-status" role="status" aria-live="polite" class="muted"></p>
            <noscript><p class="muted">{m.needJs}</p></noscript>
          </>
          : <p class="muted">{m.confirmFirst}</p>}
        <p class="muted">{m.lostPasskeys}</p>
      </section>

      <section aria-labelledby="links-title">
        <h2 id="links-title">{m.linkedAccounts}</h2>
        {(props.links ?? []).length === 0 && <p>{m.noLinks}</p>}
        <ul class="links">
          {(props.links ?? []).map((l) => (
            <li>
              <span class="pk-name">{l.provider}</span>
              <form method="post" action={`/account/links/remove${q}`}>
                <input type="hidden" name="provider" value={l.provider} />
                <input type="hidden" name="subject" value={l.subject} />
                <button type="submit" class="small danger" aria-label={`${m.unlink}: ${l.provider}`}>{m.unlink}</button>
              </form>
            </li>
          ))}
        </ul>
      </section>

      <form method="post" action={`/account/sign-out${q}`}>
        <button type="submit" class="secondary">{m.signOut}</button>
      </form>
      <p><a href={`/account/delete${q}`}>{m.deleteAccount}</a></p>
    </Layout>
  );
}
