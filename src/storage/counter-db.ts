// The Db that rate-limit counters are written through: on PostgreSQL, connections whose commits do not wait for the WAL flush.
//
// Why: every sign-in request bumps the counter of its network, one row that all concurrent requests from one address
// (a NAT, an office, the load test) update in turn. Each bump holds the row's lock until its commit, and a durable
// commit waits for an fsync, so those requests queued behind one another's disk flushes: measured on 32 concurrent
// code logins, the upsert took 1.6 ms instead of ~0.1, and PostgreSQL spent ~1,470 µs of CPU per login (~900 without).
// A database crash may lose the last fraction of a second of counts (a few more tries allowed); nothing a person
// owns, no single-use secret and no audit entry goes this way, and what it writes is visible to every instance at
// once as before. Elsewhere (better-sqlite3, D1) the Db itself.
import type { Db } from './db.ts';

const COUNTERS = Symbol.for('cutover.counterDb');

/** Gives `db` the Db its counters use (the PostgreSQL driver does this when it is given a pool for them). */
export function withCounterDb<T extends object>(db: T, counters: Db): T {
  Object.defineProperty(db, COUNTERS, { value: counters });
  return db;
}

/** The Db rate-limit counters are written through: a relaxed-durability one where the driver has it, else `db`. */
export function counterDb(db: Db): Db {
  return (db as unknown as { [COUNTERS]?: Db })[COUNTERS] ?? db;
}
