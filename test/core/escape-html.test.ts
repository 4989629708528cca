// escapeHtml, the one escaper for HTML written as strings (mails, the CLI report): every special character, nothing else.
import { expect, it } from 'vitest';
import { escapeHtml } from '../../src/core/shared/escape-html.ts';
import { localeOf } from '../../src/core/shared/locale.ts';

it('escapes the five characters that can end text or an attribute, and leaves the rest alone', () => {
  expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  expect(escapeHtml('Déjà vu: café — 100%')).toBe('Déjà vu: café — 100%');
  // Already-escaped text is escaped again: the input is text, never markup.
  expect(escapeHtml('&amp;')).toBe('&amp;amp;');
});

it('reads a language tag as French only when it says French', () => {
  expect(['fr', 'fr-CA', 'FR_fr', ' fr '].map(localeOf)).toEqual(['fr', 'fr', 'fr', 'fr']);
  expect(['en', 'frr', 'de-FR', '', undefined].map(localeOf)).toEqual(['en', 'en', 'en', 'en', 'en']);
});
