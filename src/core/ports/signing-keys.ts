// Port: RSA signing keys, kept in the database so every instance signs with the same key.

export interface StoredSigningKey {
  kid: string;
  alg: 'RS256';
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
  createdAt: number;
  activateAt: number;
}

export interface SigningKeyStore {
  /** Every key, oldest activation first. */
  all(): Promise<StoredSigningKey[]>;
  insert(key: StoredSigningKey): Promise<void>;
  /** Inserts only when no key exists yet (first start of several instances at once); returns whether it did. */
  insertFirst(key: StoredSigningKey): Promise<boolean>;
  /** Removes keys whose publication window has closed. */
  deleteMany(kids: string[]): Promise<void>;
}
