// Writes big list-users exports (the shape `aws cognito-idp list-users` prints) for tests and the bench.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** A deterministic UUID-shaped sub for user `i`, so a regenerated file has the same users. */
export const subOf = (i: number) => {
  const h = i.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
};

export function generatedUser(i: number) {
  return {
    Username: subOf(i),
    Attributes: [
      { Name: 'sub', Value: subOf(i) },
      { Name: 'email_verified', Value: i % 10 === 0 ? 'false' : 'true' },
      { Name: 'email', Value: `user${i}@example.com` },
      { Name: 'given_name', Value: i % 7 === 0 ? 'Zoë' : 'Ada' },
      { Name: 'family_name', Value: `Number${i}` },
      { Name: 'custom:tier', Value: i % 3 === 0 ? 'gold' : 'silver' },
    ],
    UserCreateDate: '2023-03-14T09:26:53.589000+00:00',
    UserLastModifiedDate: '2023-03-14T09:26:53.589000+00:00',
    Enabled: i % 50 !== 0,
    UserStatus: 'CONFIRMED',
  };
}

/** `{"Users":[...]}` (compact) or JSON Lines; returns the byte size. */
export async function writeUsersFile(path: string, count: number, format: 'list-users' | 'jsonl' = 'list-users'): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  if (format === 'list-users') await write('{"Users":[');
  const STEP = 2000;
  for (let start = 0; start < count; start += STEP) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(count, start + STEP); i++) parts.push(JSON.stringify(generatedUser(i)));
    const sep = format === 'jsonl' ? '\n' : ',';
    await write((start > 0 ? sep : '') + parts.join(sep));
  }
  await write(format === 'list-users' ? '],"NextToken":null}\n' : '\n');
  out.end();
  await once(out, 'finish');
}
