// One signing thread behind thread-jwt-signer.ts: compact RS256 JWTs, signed synchronously on this thread.
// Serialized here rather than by jose: jose signs only asynchronously, through WebCrypto, whose jobs run on libuv's
// shared pool of four threads, the contention these threads (one per core) exist to avoid.
// Plain JavaScript because vitest and tsx do not transform a worker's entry file.
//
// Messages in: { id, kid, privateJwk?, tokens: [{ header, claims }] } (the key's JWK only the first time this
// thread sees its kid). Out: { id, tokens: string[] } or { id, error }.
import { createPrivateKey, sign } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const keys = new Map();
const base64url = (text) => Buffer.from(text).toString('base64url');

function signJwt(key, { header, claims }) {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  // RS256 is RSASSA-PKCS1-v1_5 with SHA-256: node:crypto's default padding for an RSA key.
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

parentPort.on('message', ({ id, kid, privateJwk, tokens }) => {
  try {
    if (privateJwk && !keys.has(kid)) keys.set(kid, createPrivateKey({ key: privateJwk, format: 'jwk' }));
    const key = keys.get(kid);
    if (!key) throw new Error(`signing thread has no key ${kid}`);
    parentPort.postMessage({ id, tokens: tokens.map((token) => signJwt(key, token)) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
