// Port: Cognito import: upserts, legacy links, conflicts, runs (filled in by the issue that needs it).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ImportStore {}
