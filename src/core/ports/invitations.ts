// Port: invitation batches and their per-person outbox (filled in by the issue that needs it).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InvitationStore {}
