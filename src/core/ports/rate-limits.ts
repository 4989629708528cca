// Port: fixed-window counters shared by every instance (filled in by the issue that needs it).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RateLimitStore {}
