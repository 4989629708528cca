// An in-memory import source, for use-case tests that need no file or pool.
import type { ImportSource, SourceUser } from '../../src/core/import/import-users.ts';
import type { CognitoUserRecord } from '../../src/core/import/import-mapping.ts';

export function arraySource(records: CognitoUserRecord[], opts: { pool?: string; groups?: (r: CognitoUserRecord) => string[]; batch?: number } = {}): ImportSource {
  const pool = opts.pool ?? 'us-east-1_Test';
  return {
    name: `test:${pool}`, userPoolId: pool, fingerprint: 'fp',
    async *batches() {
      const items: SourceUser[] = records.map((record, i) => ({ record, groups: opts.groups?.(record) ?? [], position: `#${i}` }));
      for (let i = 0; i < items.length; i += opts.batch ?? 3) yield items.slice(i, i + (opts.batch ?? 3));
    },
  };
}

