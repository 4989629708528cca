// Port: WebAuthn credentials (passkeys) and the single-use challenges of their ceremonies.

export type PasskeyDeviceType = 'singleDevice' | 'multiDevice';

export interface Passkey {
  /** The credential id, base64url: globally unique, the primary key. */
  id: string;
  userId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  /** Authenticator model (WebAuthn §6.5.1); all zeros for most platform authenticators without attestation. */
  aaguid: string | null;
  deviceType: PasskeyDeviceType | null;
  backupEligible: boolean;
  backedUp: boolean;
  name: string;
  /** Set when the signature counter went backwards (a possible clone): the passkey is refused from then on. */
  flaggedAt: number | null;
  createdAt: number;
  lastUsedAt: number | null;
}

export type WebAuthnCeremony = 'registration' | 'authentication';

export interface WebAuthnChallenge {
  /** SHA-256 of the challenge (base64url as sent to the browser). */
  challengeHash: string;
  kind: WebAuthnCeremony;
  /** Registration: the user enrolling. Authentication: the user whose credentials were listed, or null (discoverable). */
  userId: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface PasskeyUse {
  counter: number;
  backedUp: boolean;
  now: number;
}

export interface PasskeyStore {
  /** False when the credential id is already registered (to anyone). */
  insert(passkey: Passkey): Promise<boolean>;
  findById(id: string): Promise<Passkey | null>;
  /** Oldest first. */
  listByUser(userId: string): Promise<Passkey[]>;
  /**
   * One conditional UPDATE: succeeds only for an unflagged passkey whose stored counter is below the new one
   * (or both are zero, as synced passkeys report), so two racing assertions cannot both move it.
   */
  recordUse(id: string, use: PasskeyUse): Promise<boolean>;
  flag(id: string, now: number): Promise<void>;
  rename(userId: string, id: string, name: string): Promise<boolean>;
  remove(userId: string, id: string): Promise<boolean>;
  insertChallenge(challenge: WebAuthnChallenge): Promise<void>;
  /** One conditional UPDATE … RETURNING: the challenge goes to the first caller only, and only while live. */
  consumeChallenge(challengeHash: string, kind: WebAuthnCeremony, now: number): Promise<WebAuthnChallenge | null>;
  /** Deletes challenges that expired before `before`; returns how many. */
  purgeChallenges(before: number): Promise<number>;
}
