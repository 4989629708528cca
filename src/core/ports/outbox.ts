// Port: outgoing mail, queued on the request path and sent off it (filled in by the issue that needs it).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OutboxStore {}
