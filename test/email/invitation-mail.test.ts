// The invitation mail: a readable button on any brand colour, and a link that keeps the mail's language (issue 18).
import { expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { renderInvitationEmail } from '../../src/email/invitation-template.ts';

const render = (color: string, locale: 'en' | 'fr') => renderInvitationEmail(parseEnv({ CUTOVER_BRAND_COLOR: color }), {
  to: 'a@example.com', url: 'https://id.example.com/auth/magic-link?token=abc', expiresAt: Date.UTC(2030, 0, 1), locale,
});

it('puts dark text on a light brand colour and keeps a light colour out of link text on white', () => {
  const mail = render('#ffcc00', 'en');
  expect(mail.html).toContain('background:#ffcc00;color:#111111');
  expect(mail.html).not.toContain('color:#ffcc00');
  expect(mail.html).toContain('style="color:#1a1a1a">https://id.example.com/auth/magic-link?token=abc&amp;lang=en</a>');
});

it('keeps white text on a dark brand colour, and the French link says lang=fr', () => {
  const mail = render('#3246d3', 'fr');
  expect(mail.html).toContain('background:#3246d3;color:#ffffff');
  expect(mail.text).toContain('https://id.example.com/auth/magic-link?token=abc&lang=fr');
});
