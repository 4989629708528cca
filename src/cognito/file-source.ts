// Import source: `aws cognito-idp list-users` output files and JSON Lines, read as a stream.
import { createReadStream, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { ImportSource, SourceUser } from '../core/import/import-users.ts';
import { ImportFileError, UsersJsonScanner } from './users-json-scanner.ts';

/**
 * The pool id a file's users are linked under when --user-pool-id is not given: `file:<first file's
 * name without extension>` — stable across re-runs of the same file. Pass the real pool id when the
 * same pool may later be imported live or just in time, so the links match.
 */
export function defaultFilePoolId(paths: string[]): string {
  const first = basename(paths[0]);
  return `file:${first.slice(0, first.length - extname(first).length) || first}`;
}

export function fileSource(paths: string[], userPoolId: string): ImportSource {
  if (paths.length === 0) throw new TypeError('fileSource: at least one path is required');
  const files = paths.map((p) => {
    try {
      const st = statSync(p);
      if (!st.isFile()) throw new ImportFileError(`${p}: not a file`);
      return { path: p, size: st.size, mtime: st.mtimeMs };
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      throw new ImportFileError(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  });
  const total = files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  return {
    name: `file:${paths.join(',')}`,
    userPoolId,
    fingerprint: JSON.stringify(files.map((f) => [resolve(f.path), f.size, f.mtime])),
    position: () => ({ done, total, unit: 'bytes' }),
    async *batches(): AsyncIterable<SourceUser[]> {
      for (const f of files) {
        const scanner = new UsersJsonScanner(f.path);
        // 64 KiB reads (about 130 users): the scanner never holds more than a chunk plus one user. Measured on a
        // million users: 1 MiB reads kept each chunk's 2,000 records alive across four batch commits, long enough to
        // reach the old generation, and the import peaked at 260-280 MB; 64 KiB, 235-245 MB and a little faster.
        for await (const chunk of createReadStream(f.path, { highWaterMark: 1 << 16 })) {
          const users = scanner.push(chunk as Buffer);
          done += (chunk as Buffer).length;
          if (users.length > 0) yield users.map((u) => ({ record: u.record as SourceUser['record'], groups: [], position: `${f.path}#${u.index}` }));
        }
        scanner.end();
      }
    },
  };
}
