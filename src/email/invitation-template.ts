// The invitation email (text + HTML, English and French): a sign-in link that lands on /account to add a passkey.
import type { Config } from '../core/shared/config.ts';
import type { MailMessage } from '../core/ports/mailer.ts';
import type { InvitationMailInput } from '../core/ports/mail-templates.ts';
import { escapeHtml } from '../core/shared/escape-html.ts';

const COPY = {
  en: {
    subject: (p: string) => `Your ${p} account is ready: sign in without a password`,
    hello: (n?: string) => (n ? `Hello ${n},` : 'Hello,'),
    intro: (p: string) => `We have moved your account to ${p}. You no longer need a password: this link signs you in and confirms your email address.`,
    passkey: 'Once signed in, add a passkey (your fingerprint, face or device PIN) so you can sign in in one step next time.',
    button: 'Sign in and add a passkey',
    expires: (d: string) => `The link works until ${d} and can be used once. If it has expired, just ask for a new one on the sign-in page.`,
    ignore: 'If you did not expect this email, you can ignore it: nothing happens until the link is used.',
  },
  fr: {
    subject: (p: string) => `Votre compte ${p} est prêt : connectez-vous sans mot de passe`,
    hello: (n?: string) => (n ? `Bonjour ${n},` : 'Bonjour,'),
    intro: (p: string) => `Nous avons transféré votre compte vers ${p}. Vous n’avez plus besoin de mot de passe : ce lien vous connecte et confirme votre adresse e-mail.`,
    passkey: 'Une fois connecté, ajoutez une clé d’accès (empreinte, visage ou code de l’appareil) pour vous connecter en une étape la prochaine fois.',
    button: 'Me connecter et ajouter une clé d’accès',
    expires: (d: string) => `Le lien fonctionne jusqu’au ${d} et ne sert qu’une fois. S’il a expiré, demandez-en un nouveau sur la page de connexion.`,
    ignore: 'Si vous n’attendiez pas cet e-mail, ignorez-le : rien ne se passe tant que le lien n’est pas utilisé.',
  },
} as const;

// Built once: a DateTimeFormat costs far more to make than to use, and a campaign formats thousands of dates.
const DATE_FORMATS = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
} as const;

export function renderInvitationEmail(config: Pick<Config, 'brand'>, input: InvitationMailInput): MailMessage {
  const t = COPY[input.locale];
  const { brand } = config;
  const product = brand.productName;
  // The date is written in UTC with its zone, so it reads the same wherever the mail is opened.
  const until = `${DATE_FORMATS[input.locale].format(new Date(input.expiresAt))} UTC`;
  const text = [t.hello(input.name), '', t.intro(product), '', `${t.button}:`, input.url, '', t.passkey, '', t.expires(until), '', t.ignore, '', `— ${product}`].join('\n');
  const e = escapeHtml;
  const color = e(brand.color);
  const header = brand.logoUrl
    ? `<img src="${e(brand.logoUrl)}" alt="${e(product)}" height="40" style="border:0">`
    : `<strong style="font-size:18px">${e(product)}</strong>`;
  const html = `<!doctype html><html lang="${input.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(t.subject(product))}</title></head>
<body style="margin:0;background:#f6f7f9;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;color:#1a1a1a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#fff;border-radius:12px;padding:32px">
<tr><td>${header}</td></tr>
<tr><td><p>${e(t.hello(input.name))}</p><p>${e(t.intro(product))}</p>
<p style="text-align:center;margin:28px 0"><a href="${e(input.url)}" style="display:inline-block;background:${color};color:#fff;text-decoration:none;padding:12px 24px;border-radius:6px;font-weight:600">${e(t.button)}</a></p>
<p>${e(t.passkey)}</p>
<p style="color:#555;font-size:14px">${e(t.expires(until))}</p>
<p style="color:#555;font-size:14px;word-break:break-all"><a href="${e(input.url)}" style="color:${color}">${e(input.url)}</a></p>
<p style="color:#555;font-size:14px">${e(t.ignore)}</p></td></tr>
</table></td></tr></table></body></html>`;
  return { to: input.to, subject: t.subject(product), text, html };
}
