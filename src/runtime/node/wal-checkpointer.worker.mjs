// The background thread behind wal-checkpointer.ts: copies each watched SQLite file's WAL back into the database.
// Plain JavaScript because vitest and tsx do not transform a worker's entry file.
//
// The main thread posts { watch: absolutePath, restartFrames } for each file it opens. Every POLL_MS, each WAL
// written since the previous poll gets a PASSIVE checkpoint on this thread's own connection. PASSIVE takes no
// lock the app's writer needs, so the app's commits never wait for it.
//
// Copying is not all: SQLite only restarts the WAL from its start when a writer finds it fully copied, and
// otherwise appends. Between requests a pass catches up and the next commit restarts the WAL; under writes
// without pause it never does, so past restartFrames a RESTART checkpoint briefly holds the write lock instead.
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';

// Often enough that a WAL under constant writes stays well short of the app connection's own auto-checkpoint.
const POLL_MS = 50;
// RESTART holds the write lock while it copies what PASSIVE left, so it waits until a pass leaves about this little.
const FEW_FRAMES = 100;
const MAX_PASSES = 4;
const RESTART_ATTEMPTS = 5;
const RESTART_RETRY_MS = 1;

/** @type {Map<string, { restartFrames: number, connection: Database.Database | null, seen: string, warned: boolean }>} */
const watched = new Map();

parentPort.on('message', ({ watch, restartFrames }) => {
  if (!watched.has(watch)) watched.set(watch, { restartFrames, connection: null, seen: '', warned: false });
});

setInterval(() => {
  for (const [path, file] of watched) checkpointIfWritten(path, file);
}, POLL_MS);

function checkpointIfWritten(path, file) {
  const wal = walStat(path);
  if (!wal) {
    // SQLite deletes the WAL when the last connection closes, and a deleted temp dir takes it too: stop watching.
    closeConnection(file);
    watched.delete(path);
    return;
  }
  const seen = `${wal.size}:${wal.mtimeMs}`;
  if (seen === file.seen) return closeConnection(file); // idle: hold no file open
  if (checkpoint(path, file)) file.seen = seen;
}

function walStat(path) {
  try {
    return statSync(`${path}-wal`, { throwIfNoEntry: false });
  } catch {
    return undefined; // e.g. its directory replaced or made unreadable: as good as gone
  }
}

/** Copies the WAL, restarting it if due; false if this must be retried even without new writes. */
function checkpoint(path, file) {
  try {
    file.connection ??= openConnection(path);
    let copied = Infinity;
    let backfilled = 0;
    for (let pass = 0; pass < MAX_PASSES && copied > FEW_FRAMES; pass++) {
      const { busy, log, checkpointed } = file.connection.pragma('wal_checkpoint(PASSIVE)')[0];
      if (busy) return false; // another connection is checkpointing
      if (log < file.restartFrames) return true;
      copied = checkpointed - backfilled;
      backfilled = checkpointed;
    }
    // RESTART takes the write lock, copies the frames appended since the last pass and syncs; a commit arriving
    // meanwhile waits a millisecond or two in its busy handler. With no busy timeout here it never queues for the
    // lock: while the app holds it (mid-transaction) it copies what it can like PASSIVE and reports busy, and is
    // tried again a moment later, so the frames left to copy under the lock stay few. (A writer that holds the
    // lock nearly all the time, like a bulk import, may still reach its safety net.)
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS; attempt++) {
      if (!file.connection.pragma('wal_checkpoint(RESTART)')[0].busy) return true;
      sleep(RESTART_RETRY_MS);
    }
    return false; // the next poll tries again
  } catch (e) {
    closeConnection(file);
    // Busy: another connection held a lock a moment too long (a bulk import's transaction, say); the next poll
    // simply tries again. Anything else is worth one line in the log.
    if (e.code === 'SQLITE_BUSY' || file.warned) return false;
    console.warn(`cutover: background checkpoint of ${path} failed (retrying): ${e.message}`);
    file.warned = true;
    return false;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms) {
  Atomics.wait(sleeper, 0, 0, ms); // this thread only
}

function openConnection(path) {
  // timeout 0: never wait for a lock the app holds; a busy checkpoint is retried at the next poll.
  const connection = new Database(path, { fileMustExist: true, timeout: 0 });
  // As on the app's connection; NORMAL still syncs the WAL and the database file around each checkpoint.
  connection.pragma('synchronous = NORMAL');
  return connection;
}

function closeConnection(file) {
  if (!file.connection) return;
  try {
    // If the app has closed the database meanwhile, this is its last connection: SQLite checkpoints and deletes the WAL.
    file.connection.close();
  } catch {
    // A connection whose files were deleted under it: nothing left to release.
  }
  file.connection = null;
}
