// Port: sign-in emails: magic-link tokens and one-time codes, stored hashed (filled in by the issue that needs it).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EmailChallengeStore {}
