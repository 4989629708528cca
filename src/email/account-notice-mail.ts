// Account notices (text + HTML, English and French): a passkey was added, so a person who did not add it can act.
import type { Config } from '../core/shared/config.ts';
import type { MailMessage } from '../core/ports/mailer.ts';
import type { AccountNotice } from '../core/ports/outbox.ts';
import { escapeHtml } from '../core/shared/escape-html.ts';

const COPY = {
  en: {
    subject: (p: string) => `A passkey was added to your ${p} account`,
    body: (name: string, when: string) => `A passkey named "${name}" was added to your account on ${when} (UTC). It can now sign you in.`,
    action: (url: string) => `If this was not you, remove it at ${url} and sign out everywhere.`,
  },
  fr: {
    subject: (p: string) => `Une clé d'accès a été ajoutée à votre compte ${p}`,
    body: (name: string, when: string) => `Une clé d'accès nommée « ${name} » a été ajoutée à votre compte le ${when} (UTC). Elle permet désormais de vous connecter.`,
    action: (url: string) => `Si ce n'était pas vous, supprimez-la sur ${url} et déconnectez-vous partout.`,
  },
} as const;

export function renderAccountNotice(config: Pick<Config, 'brand' | 'issuer'>, notice: AccountNotice): MailMessage {
  const t = COPY[notice.locale] ?? COPY.en;
  const product = config.brand.productName;
  const when = new Date(notice.at).toISOString().slice(0, 16).replace('T', ' ');
  // Built from CUTOVER_ISSUER, like every link we mail.
  const accountUrl = `${config.issuer}/account`;
  const lines = [t.body(notice.passkeyName, when), t.action(accountUrl)];
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${notice.locale}"><head><meta charset="utf-8"><title>${e(t.subject(product))}</title></head>
<body style="margin:0;padding:24px;background:#f6f7f9;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a">
<div style="max-width:32rem;margin:0 auto;background:#fff;border-radius:12px;padding:24px">
<strong>${e(product)}</strong>
<p>${e(lines[0])}</p>
<p>${e(lines[1])}</p>
</div></body></html>`;
  return { to: notice.to, subject: t.subject(product), text: `${lines.join('\n\n')}\n`, html };
}
