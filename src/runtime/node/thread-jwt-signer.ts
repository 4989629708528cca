// Node's JWT signer: RS256 signatures on a few background threads, off the event loop.
//
// Why not WebCrypto's own threads: its jobs run on libuv's pool, four threads that on 2 cores share the CPU evenly
// with the event loop. Measured on the refresh grant: the event loop, the serial part of every request, got about 63%
// of a core and the signing threads often ran dry waiting for it, leaving the machine about 12% idle. Threads of our
// own, one per core, cost the loop less per signature than WebCrypto's jobs.
//
// They run at the process's own priority. They once ran at nice 10, so that the event loop would win a core whenever
// it had work; on a machine whose RSA-2048 signature costs ~250 µs (AVX-512 IFMA) that cost more than it gave:
// refresh grants over HTTP reached 0.54 of the machine's signing bound at nice 0 (six runs, 0.515–0.573) and 0.49
// at nice 10 (four runs, 0.478–0.503), 0.50 at nice 19; email-code logins 0.46 vs 0.44. The machine's CPU per grant
// fell from ~1,030 to ~850–930 µs, the event loop's from ~365 to ~260–300 µs: a loop that does not preempt a signature at
// once finds more requests waiting when it runs, and the signing threads lose less to preemption. (On an earlier
// machine with ~850 µs signatures nice 10 had won by 3.5%.) The other way round, the event loop at nice 5 once the
// threads started, lost on a ~950 µs machine: 373–450 email-code logins/s against 441–454.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createJoseJwtSigner } from '../../core/keys/jose-jwt-signer.ts';
import type { JwtSigner, JwtToSign } from '../../core/ports/jwt-signer.ts';
import type { StoredSigningKey } from '../../core/ports/signing-keys.ts';

/** More threads than this buy nothing: one event loop cannot keep more busy with RSA-2048 signatures. */
const MAX_THREADS = 4;

interface Job {
  key: StoredSigningKey;
  tokens: JwtToSign[];
  resolve: (jwts: string[]) => void;
  reject: (error: Error) => void;
}

interface SigningThread {
  worker: Worker;
  /** kids this thread has been sent the private key of */
  kids: Set<string>;
  jobs: Map<number, Job>;
}

export interface ThreadJwtSignerOptions {
  threads?: number;
  /** The thread's script; tests pass a broken one to see the fallback work. */
  workerUrl?: URL;
  /** Signs when no thread can: one failed to start, or died holding jobs. */
  fallback?: JwtSigner;
}

export function createThreadJwtSigner(options: ThreadJwtSignerOptions = {}): JwtSigner {
  const fallback = options.fallback ?? createJoseJwtSigner();
  let threads: SigningThread[] | undefined; // started by the first signature
  let nextJobId = 0;
  let warned = false;

  function startThreads(): SigningThread[] {
    const started: SigningThread[] = [];
    const cores = availableParallelism();
    const count = options.threads ?? Math.min(cores, MAX_THREADS);
    for (let i = 0; i < count; i++) {
      try {
        // execArgv []: plain Node, without the app's loaders (tsx) or flags; the thread needs only node:crypto.
        const worker = new Worker(options.workerUrl ?? new URL('./jwt-sign.worker.mjs', import.meta.url), { execArgv: [] });
        worker.unref(); // idle threads never keep the process alive; a thread with jobs does (see send)
        const thread: SigningThread = { worker, kids: new Set(), jobs: new Map() };
        // Node 20 refs a worker again as it comes online (seen: an unused thread kept the process alive).
        worker.once('online', () => thread.jobs.size === 0 && worker.unref());
        worker.on('message', (reply: { id: number; tokens?: string[]; error?: string }) => settle(thread, reply));
        worker.on('error', (e) => retire(thread, e));
        worker.on('exit', (code) => retire(thread, new Error(`signing thread exited with code ${code}`)));
        started.push(thread);
      } catch (e) {
        warnOnce(e);
      }
    }
    return started;
  }

  function settle(thread: SigningThread, { id, tokens, error }: { id: number; tokens?: string[]; error?: string }): void {
    const job = thread.jobs.get(id);
    if (!job) return;
    thread.jobs.delete(id);
    if (thread.jobs.size === 0) thread.worker.unref();
    if (tokens) job.resolve(tokens);
    else job.reject(new Error(error ?? 'signing thread replied without tokens'));
  }

  /** A thread failed: later signatures go to the others (or the fallback), and its jobs are signed again there. */
  function retire(thread: SigningThread, error: Error): void {
    if (!threads?.includes(thread)) return;
    threads = threads.filter((t) => t !== thread);
    warnOnce(error);
    for (const job of thread.jobs.values()) fallback.sign(job.key, job.tokens).then(job.resolve, job.reject);
    thread.jobs.clear();
    void thread.worker.terminate();
  }

  function warnOnce(error: unknown): void {
    if (warned) return;
    warned = true;
    console.warn(`cutover: a JWT signing thread failed, signing on the main thread's WebCrypto instead: ${(error as Error)?.message ?? error}`);
  }

  function send(thread: SigningThread, key: StoredSigningKey, tokens: JwtToSign[]): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const id = nextJobId++;
      const firstUse = !thread.kids.has(key.kid);
      try {
        thread.worker.postMessage({ id, kid: key.kid, privateJwk: firstUse ? key.privateJwk : undefined, tokens });
      } catch (e) {
        reject(e as Error); // claims that cannot be cloned (a function, say) cannot be JSON either
        return;
      }
      if (firstUse) thread.kids.add(key.kid);
      if (thread.jobs.size === 0) thread.worker.ref();
      thread.jobs.set(id, { key, tokens, resolve, reject });
    });
  }

  return {
    sign(key, tokens) {
      threads ??= startThreads();
      let idlest: SigningThread | undefined;
      for (const t of threads) if (!idlest || t.jobs.size < idlest.jobs.size) idlest = t;
      return idlest ? send(idlest, key, tokens) : fallback.sign(key, tokens);
    },
  };
}

let shared: JwtSigner | undefined;

/** One set of signing threads for the whole process, however many apps it builds (tests build many). */
export function sharedThreadJwtSigner(): JwtSigner {
  return (shared ??= createThreadJwtSigner());
}
