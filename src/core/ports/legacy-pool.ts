// Port: the legacy user pool, asked about one email at sign-in (just-in-time import). Cognito's lives in src/cognito.
import type { CognitoUserRecord } from '../import/import-mapping.ts';

export interface LegacyPool {
  readonly userPoolId: string;
  /** The users the pool's own search finds for this email; the core compares the addresses again itself. */
  usersByEmail(email: string): Promise<CognitoUserRecord[]>;
  /** The groups one of those users belongs to (they become its roles). */
  groupsOf(user: CognitoUserRecord): Promise<string[]>;
}
