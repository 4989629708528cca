// A software WebAuthn authenticator (ES256, attestation "none") that builds real, signed browser responses for server tests.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

const b64u = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

/** Minimal CBOR (RFC 8949) for what attestation objects and COSE keys need: ints, bytes, text, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
    const b = Buffer.alloc(5); b[0] = (major << 5) | 26; b.writeUInt32BE(n, 1); return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (value instanceof Map) {
    const parts: Buffer[] = [head(5, value.size)];
    for (const [k, v] of value) parts.push(cbor(k), cbor(v));
    return Buffer.concat(parts);
  }
  throw new TypeError('cbor: unsupported value');
}

export interface SoftCredential {
  id: Buffer;
  key: KeyObject;
  userHandle: string;
  counter: number;
}

export interface SoftAuthenticatorOptions {
  origin: string;
  rpId: string;
  /** Backup eligible and backed up, like a synced passkey. */
  synced?: boolean;
  /** Whether the user was verified (PIN, biometric). */
  userVerified?: boolean;
  /** Counter step per assertion; 0 behaves like synced passkeys. */
  counterStep?: number;
}

export function softAuthenticator(opts: SoftAuthenticatorOptions) {
  const flagsFor = (attested: boolean) =>
    0x01 | (opts.userVerified === false ? 0 : 0x04) | (opts.synced ? 0x18 : 0) | (attested ? 0x40 : 0);
  const authData = (rpId: string, flags: number, counter: number, attested?: Buffer) => {
    const c = Buffer.alloc(4); c.writeUInt32BE(counter >>> 0);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), c, attested ?? Buffer.alloc(0)]);
  };
  const clientData = (type: string, challenge: string, origin: string) =>
    Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

  return {
    /** Answers creation options like navigator.credentials.create() + toJSON(). */
    register(options: { challenge: string; user: { id: string } }, override: { origin?: string; rpId?: string } = {}) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const cose = cbor(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]));
      const id = randomBytes(32);
      const idLen = Buffer.alloc(2); idLen.writeUInt16BE(id.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLen, id, cose]);
      const ad = authData(override.rpId ?? opts.rpId, flagsFor(true), 0, attested);
      const attestationObject = cbor(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', ad]]));
      const credential: SoftCredential = { id, key: privateKey, userHandle: options.user.id, counter: 0 };
      const response = {
        id: b64u(id), rawId: b64u(id), type: 'public-key' as const,
        response: {
          clientDataJSON: b64u(clientData('webauthn.create', options.challenge, override.origin ?? opts.origin)),
          attestationObject: b64u(attestationObject),
          transports: ['internal'] as ('internal')[],
        },
        authenticatorAttachment: 'platform' as const,
        clientExtensionResults: {},
      };
      return { credential, response };
    },
    /** Answers request options like navigator.credentials.get() + toJSON(). */
    assert(credential: SoftCredential, options: { challenge: string }, override: { origin?: string; rpId?: string; counter?: number } = {}) {
      credential.counter = override.counter ?? credential.counter + (opts.counterStep ?? 1);
      const ad = authData(override.rpId ?? opts.rpId, flagsFor(false), credential.counter);
      const cd = clientData('webauthn.get', options.challenge, override.origin ?? opts.origin);
      const signature = sign('sha256', Buffer.concat([ad, sha256(cd)]), { key: credential.key, dsaEncoding: 'der' });
      return {
        id: b64u(credential.id), rawId: b64u(credential.id), type: 'public-key' as const,
        response: { clientDataJSON: b64u(cd), authenticatorData: b64u(ad), signature: b64u(signature), userHandle: credential.userHandle },
        authenticatorAttachment: 'platform' as const,
        clientExtensionResults: {},
      };
    },
  };
}
