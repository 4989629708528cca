// The sign-in mail template: both languages, brand, escaping.
import { expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { renderSignInMail } from '../../src/email/sign-in-mail.ts';

const base = { to: 'a@example.com', url: 'https://id.example.com/auth/magic-link?token=abc', code: '012345', linkTtlSeconds: 900, codeTtlSeconds: 600, newcomer: false };

it('carries the link and the code in text and HTML, with TTLs in minutes, in English and French', () => {
  const config = parseEnv({ CUTOVER_PRODUCT_NAME: 'Acme', CUTOVER_BRAND_COLOR: '#112233' });
  const en = renderSignInMail(config, { ...base, locale: 'en' });
  expect(en.subject).toBe('Sign in to Acme');
  expect(en.text).toContain(base.url);
  expect(en.text).toMatch(/^\s+012345$/m);
  expect(en.text).toContain('15 minutes');
  expect(en.text).toContain('10 minutes');
  // issue 18 (newcomer): the link keeps the mail's language (?lang= was lost after a link)
  expect(en.text).toContain(`${base.url}&lang=en`);
  expect(en.html).toContain(`href="${base.url}&amp;lang=en"`);
  expect(en.html).toContain('#112233');
  const fr = renderSignInMail(config, { ...base, locale: 'fr', newcomer: true });
  expect(fr.subject).toBe('Connexion à Acme');
  expect(fr.text).toContain('Terminez la création de votre compte Acme');
  expect(fr.html).toContain('lang="fr"');
});

it('escapes the product name in HTML', () => {
  const config = parseEnv({ CUTOVER_PRODUCT_NAME: '<b>Evil</b> & co' });
  const mail = renderSignInMail(config, { ...base, locale: 'en' });
  expect(mail.html).toContain('&lt;b&gt;Evil&lt;/b&gt; &amp; co');
  expect(mail.html).not.toContain('<b>Evil</b>');
});

it('picks a readable text colour on the brand colour for the button (issue 18: white on #ffcc00 was unreadable)', () => {
  const light = renderSignInMail(parseEnv({ CUTOVER_BRAND_COLOR: '#ffcc00' }), { ...base, locale: 'en' });
  expect(light.html).toContain('background:#ffcc00;color:#111111');
  const dark = renderSignInMail(parseEnv({ CUTOVER_BRAND_COLOR: '#112233' }), { ...base, locale: 'fr' });
  expect(dark.html).toContain('background:#112233;color:#ffffff');
  expect(dark.text).toContain(`${base.url}&lang=fr`);
});
