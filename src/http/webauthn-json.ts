// zod shapes for the browser's WebAuthn JSON (PublicKeyCredential.toJSON()): bad input names its field, never a 5xx.
import { z } from 'zod';

// Credential ids are at most 1023 bytes (WebAuthn §5.8.3); clientDataJSON and authenticator data are small.
const b64u = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

const transports = z.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'])).max(8);

export const registrationResponse = z.object({
  id: b64u(1400),
  rawId: b64u(1400),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64u(4096),
    attestationObject: b64u(16384),
    transports: transports.optional(),
    authenticatorData: b64u(8192).optional(),
    publicKey: b64u(4096).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional().nullable(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const authenticationResponse = z.object({
  id: b64u(1400),
  rawId: b64u(1400),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64u(4096),
    authenticatorData: b64u(8192),
    signature: b64u(2048),
    userHandle: b64u(512).optional().nullable(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional().nullable(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});
