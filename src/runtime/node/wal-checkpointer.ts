// Moves WAL checkpoints of Node's SQLite files onto one background thread (wal-checkpointer.worker.mjs).
// SQLite's own auto-checkpoint runs inside whichever commit crosses its threshold, on the event loop: copying
// pages into the database file and fsyncing stalls that request, and every request queued behind it.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's default auto-checkpoint, restored if the thread fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/** The app connection's own auto-checkpoint: only a bound on the WAL if the thread dies or falls behind. */
export const SAFETY_NET_PAGES = 10_000;
/**
 * A WAL that never gets a pause to restart in is restarted by the thread once it holds this many frames (pages):
 * rarely enough that the commit it delays now and then stays out of the 99th percentile, and far enough below
 * SAFETY_NET_PAGES for a few more polls' worth of appends when the thread finds the write lock taken.
 */
const RESTART_FRAMES = 4000;

// One thread for the whole process, started by the first file opened; undefined once it has failed.
let checkpointer: Worker | undefined;
let failed = false;
// Connections relying on the thread, to hand back to SQLite's auto-checkpoint if it fails. Weak: never keeps one alive.
const connections = new Set<WeakRef<Database.Database>>();

/** Hands `sqlite`'s checkpoints (a WAL-mode file database at absolute `path`) to the background thread. */
export function checkpointInBackground(sqlite: Database.Database, path: string): void {
  if (failed) return;
  checkpointer ??= startCheckpointer();
  if (!checkpointer) return;
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  for (const ref of connections) if (!ref.deref()?.open) connections.delete(ref);
  connections.add(new WeakRef(sqlite));
  checkpointer.postMessage({ watch: path, restartFrames: RESTART_FRAMES });
}

function startCheckpointer(): Worker | undefined {
  try {
    // execArgv []: plain Node, without the app's loaders (tsx) or flags; the thread needs only better-sqlite3.
    const worker = new Worker(new URL('./wal-checkpointer.worker.mjs', import.meta.url), { execArgv: [] });
    worker.unref(); // never what keeps the process alive
    worker.on('error', fallBackToAutoCheckpoint);
    worker.on('exit', () => fallBackToAutoCheckpoint());
    return worker;
  } catch (e) {
    fallBackToAutoCheckpoint(e);
    return undefined;
  }
}

/** The thread could not start or has died: connections checkpoint themselves again, as SQLite does by default. */
function fallBackToAutoCheckpoint(error?: unknown): void {
  if (failed) return;
  failed = true;
  if (error) console.warn(`cutover: background WAL checkpoints unavailable, SQLite checkpoints on the main thread: ${(error as Error).message ?? error}`);
  checkpointer = undefined;
  for (const ref of connections) {
    const sqlite = ref.deref();
    try {
      if (sqlite?.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    } catch {
      // Busy or closing: its safety net still bounds the WAL.
    }
  }
  connections.clear();
}
