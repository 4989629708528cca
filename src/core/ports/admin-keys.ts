// Port: admin API keys, stored as SHA-256.

export interface AdminKey {
  id: string;
  name: string;
  createdAt: number;
}

export interface AdminKeyStore {
  insert(key: AdminKey & { keyHash: string }): Promise<void>;
  /** The live key with this hash, touching its last-used time. */
  findLiveByHash(keyHash: string, now: number): Promise<AdminKey | null>;
}
