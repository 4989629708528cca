// Seals provider secrets at rest (client secrets, Apple's private key): AES-256-GCM under a key derived from the
// instance secret (CUTOVER_SECRET) with HKDF. They must be usable upstream, so they are encrypted, not hashed.
import { base64url } from '../shared/crypto.ts';
import { base64url as b64 } from 'jose';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function sealingKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']).then((material) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('cutover provider secrets v1') },
        material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']));
    keys.set(secret, key);
  }
  return key;
}

/** `v1.<iv>.<ciphertext+tag>`; the provider's tenant and name are the additional data, so a sealed value cannot be moved to another provider. */
export async function sealSecret(secret: string, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, await sealingKey(secret), encoder.encode(plaintext));
  return `v1.${base64url(iv)}.${base64url(new Uint8Array(sealed))}`;
}

export async function openSecret(secret: string, sealed: string, context: string): Promise<string> {
  const [version, iv, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !data) throw new TypeError('a sealed provider secret has an unknown format');
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(b64.decode(iv)), additionalData: encoder.encode(context) }, await sealingKey(secret), new Uint8Array(b64.decode(data)));
    return new TextDecoder().decode(plain);
  } catch {
    // a different CUTOVER_SECRET than the one that sealed it: an operator's mistake, said plainly
    throw new TypeError('a provider secret cannot be opened: CUTOVER_SECRET differs from the one it was sealed with');
  }
}

export const secretContext = (tenant: string, name: string) => `provider:${tenant}:${name}`;
