// The SNS signature's base64 decoder reads what atob reads, byte for byte, and refuses (null) what atob throws on.
import { describe, expect, it } from 'vitest';
import { base64Bytes } from '../../src/core/mail-events/base64-bytes.ts';

const viaAtob = (b64: string): number[] | null => {
  try {
    return Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
};

describe('base64Bytes', () => {
  it('decodes every length of random bytes as atob does, padded or not', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const padded = btoa(String.fromCharCode(...bytes));
      for (const b64 of [padded, padded.replace(/=+$/, '')]) {
        expect(Array.from(base64Bytes(b64) ?? [-1]), b64).toEqual(Array.from(bytes));
      }
    }
  });

  it('refuses what atob refuses, and reads the odd trailing bits as atob does', () => {
    const cases = ['A', 'AB=C', 'ABC==', 'AB===', '====', '=', 'QUJ-', 'QUJ_', 'QUJé', 'QU\u0100D', 'QUJD=', 'QUJDR', 'QR==', 'QR', 'QUJ=', 'QUI', 'QUJDRA=', ''];
    for (const b64 of cases) {
      const mine = base64Bytes(b64);
      expect(mine === null ? null : Array.from(mine), JSON.stringify(b64)).toEqual(viaAtob(b64));
    }
  });

  it('refuses whitespace, which atob would skip (signatures are checked for it before, certificates stripped of it)', () => {
    for (const b64 of ['QU JD', 'QUJD\n', '\tQUJD']) expect(base64Bytes(b64)).toBeNull();
  });
});
