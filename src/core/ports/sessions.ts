// Port: hosted-page sessions; the cookie carries a random id, the store its SHA-256.

export interface Session {
  idHash: string;
  userId: string;
  amr: string[];
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  insert(session: Session): Promise<void>;
  findLive(idHash: string, now: number): Promise<Session | null>;
  revoke(idHash: string, now: number): Promise<void>;
  revokeAllForUser(userId: string, now: number): Promise<void>;
}
