// Port: hybrid mode's memory of which imported people are linked to their Cognito user (SPEC §8, `hybrid link`).

/** An imported person and the Cognito user they came from. */
export interface PersonToLink {
  userId: string;
  /** the Cognito username (AdminLinkProviderForUser's DestinationUser) */
  username: string;
  /** the Cognito user's `sub`: where the next page starts */
  cognitoSub: string;
  email: string | null;
}

export interface HybridLinkStore {
  /**
   * People imported from `userPoolId` whose Cognito user is not yet linked to `providerName`, in Cognito `sub` order
   * after `afterSub` (the legacy links' primary key: no sort however large the pool), at most `limit`.
   */
  pending(userPoolId: string, providerName: string, afterSub: string | null, limit: number): Promise<PersonToLink[]>;
  /** Remembers one link (again: nothing changes). */
  record(userPoolId: string, providerName: string, person: PersonToLink, now: number): Promise<void>;
  /** How many Cognito users of the pool are linked to the provider. */
  count(userPoolId: string, providerName: string): Promise<number>;
}
