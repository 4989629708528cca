// The sign-in email (text + HTML, English and French): one mail carries both the link and the code.
import type { Config } from '../core/shared/config.ts';
import type { MailMessage } from '../core/ports/mailer.ts';
import type { SignInMailInput } from '../core/ports/mail-templates.ts';
import { escapeHtml } from '../core/shared/escape-html.ts';

const minutes = (s: number) => Math.max(1, Math.round(s / 60));

const COPY = {
  en: {
    subject: (p: string) => `Sign in to ${p}`,
    hello: (p: string, newcomer: boolean) => newcomer ? `Finish creating your ${p} account.` : `Here is your way into ${p}.`,
    button: 'Sign in',
    link: (m: number) => `This link works once, within ${m} minutes, on any device.`,
    code: (m: number) => `Or type this code where you asked for it (valid ${m} minutes):`,
    ignore: 'If you did not ask for this, ignore this email: nobody can sign in without it.',
  },
  fr: {
    subject: (p: string) => `Connexion à ${p}`,
    hello: (p: string, newcomer: boolean) => newcomer ? `Terminez la création de votre compte ${p}.` : `Voici votre accès à ${p}.`,
    button: 'Se connecter',
    link: (m: number) => `Ce lien ne sert qu'une fois, pendant ${m} minutes, sur n'importe quel appareil.`,
    code: (m: number) => `Ou saisissez ce code là où vous l'avez demandé (valable ${m} minutes) :`,
    ignore: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : personne ne peut se connecter sans lui.",
  },
} as const;

export function renderSignInMail(config: Pick<Config, 'brand'>, input: SignInMailInput): MailMessage {
  const t = COPY[input.locale];
  const product = config.brand.productName;
  const linkLine = t.link(minutes(input.linkTtlSeconds));
  const codeLine = t.code(minutes(input.codeTtlSeconds));
  const text = [t.hello(product, input.newcomer), '', `${t.button}: ${input.url}`, linkLine, '', codeLine, '', `    ${input.code}`, '', t.ignore, ''].join('\n');
  const e = escapeHtml;
  // Inline styles only: mail clients drop <style> blocks and external CSS.
  const html = `<!doctype html><html lang="${input.locale}"><head><meta charset="utf-8"><title>${e(t.subject(product))}</title></head>
<body style="margin:0;padding:24px;background:#f6f7f9;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a">
<div style="max-width:32rem;margin:0 auto;background:#fff;border-radius:12px;padding:24px">
${config.brand.logoUrl ? `<img src="${e(config.brand.logoUrl)}" alt="${e(product)}" height="40">` : `<strong>${e(product)}</strong>`}
<p>${e(t.hello(product, input.newcomer))}</p>
<p><a href="${e(input.url)}" style="display:inline-block;padding:12px 24px;background:${config.brand.color};color:#fff;border-radius:6px;text-decoration:none;font-weight:600">${e(t.button)}</a></p>
<p style="color:#555;font-size:14px">${e(linkLine)}</p>
<p>${e(codeLine)}</p>
<p style="font:700 28px/1.2 ui-monospace,monospace;letter-spacing:6px">${e(input.code)}</p>
<p style="color:#555;font-size:14px">${e(t.ignore)}</p>
</div></body></html>`;
  return { to: input.to, subject: t.subject(product), text, html };
}
