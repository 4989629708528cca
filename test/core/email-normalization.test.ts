// Issue 18 #13: one key per person (NFC, case), and never one key for two look-alike addresses.
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/core/shared/email.ts';

const nfd = (s: string) => s.normalize('NFD');

describe('normalizeEmail', () => {
  it('folds case and surrounding space, as before', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it('NFC and NFD spellings of one address are one key', () => {
    const composed = 'José.Müller@Bücher.example';
    expect(nfd(composed)).not.toBe(composed);
    expect(normalizeEmail(nfd(composed))).toBe(normalizeEmail(composed));
    expect(normalizeEmail(nfd(composed))).toBe('josé.müller@xn--bcher-kva.example'.normalize('NFC'));
  });

  it.each([
    ['\u212Aate@example.com', 'kate@example.com', 'KELVIN SIGN'],
    ['\u212Bngstrom@example.com', 'ångstrom@example.com', 'ANGSTROM SIGN'],
    ['\u2126mega@example.com', 'ωmega@example.com', 'OHM SIGN'],
    ['\u0130nci@example.com', 'inci@example.com', 'LATIN CAPITAL I WITH DOT'],
  ])('%s is never the key of %s (%s)', (lookalike, real) => {
    expect(normalizeEmail(lookalike)).not.toBe(normalizeEmail(real));
    expect(normalizeEmail(lookalike)).not.toBe(normalizeEmail(real.toUpperCase()));
    // and the look-alike keeps one key of its own, whatever its case elsewhere
    expect(normalizeEmail(lookalike.toUpperCase())).toBe(normalizeEmail(lookalike));
  });

  it('still folds non-ASCII letters whose lower case is not ASCII', () => {
    expect(normalizeEmail('ÉLODIE@EXAMPLE.FR')).toBe('élodie@example.fr');
    expect(normalizeEmail('ŽOFIA@EXAMPLE.CZ')).toBe('žofia@example.cz');
  });
});
