// Port: WebAuthn credentials and challenges (filled in by the issue that needs it).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PasskeyStore {}
