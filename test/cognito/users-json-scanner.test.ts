// The streaming list-users reader: any chunking gives the same users; broken files name the position.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportFileError, UsersJsonScanner } from '../../src/cognito/users-json-scanner.ts';

const FIXTURE = readFileSync(new URL('../fixtures/list-users.sample.json', import.meta.url));
const expected = JSON.parse(FIXTURE.toString()).Users;

function scan(bytes: Uint8Array, chunk: number, file = 'f.json') {
  const s = new UsersJsonScanner(file);
  const out = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...s.push(bytes.slice(i, i + chunk)));
  s.end();
  return out;
}

describe('UsersJsonScanner', () => {
  it('reads the fixture identically whatever the chunk size, with byte and line positions', () => {
    for (const size of [1, 2, 3, 7, 64, 1000, 1 << 20]) {
      const users = scan(FIXTURE, size);
      expect(users.map((u) => u.record)).toEqual(expected);
    }
    const [first, second] = scan(FIXTURE, 1 << 20);
    expect(first).toMatchObject({ index: 0, line: 3 });
    expect(FIXTURE.toString('utf8', second.byte, second.byte + 1)).toBe('{');
  });

  it('reads JSON Lines, a bare array, several pages in one file, NextToken before Users, and escapes', () => {
    const u = (n: string) => ({ Username: n, Attributes: [{ Name: 'sub', Value: n }, { Name: 'name', Value: 'a "quoted" \\ back\\slash }]{[ 李' }] });
    const jsonl = `${JSON.stringify(u('a'))}\n${JSON.stringify(u('b'))}\n\n${JSON.stringify(u('c'))}`;
    expect(scan(Buffer.from(jsonl), 5).map((x) => x.record)).toEqual([u('a'), u('b'), u('c')]);
    expect(scan(Buffer.from(jsonl), 5).map((x) => x.line)).toEqual([1, 2, 4]);
    expect(scan(Buffer.from(JSON.stringify([u('a'), u('b')])), 3).map((x) => x.record)).toEqual([u('a'), u('b')]);
    const pages = `{"NextToken":"x\\"Users\\"","Users":[${JSON.stringify(u('a'))}]}\n{"Users":[],"NextToken":null}{"Users":[${JSON.stringify(u('b'))}]}`;
    expect(scan(Buffer.from(pages), 4).map((x) => x.record)).toEqual([u('a'), u('b')]);
  });

  it('names file, byte, line and user index when a file is truncated', () => {
    const cut = FIXTURE.subarray(0, Math.floor(FIXTURE.length * 0.55));
    expect(() => scan(cut, 100, 'users.json')).toThrow(ImportFileError);
    expect(() => scan(cut, 100, 'users.json')).toThrow(new RegExp(`^users\\.json: byte ${cut.length} \\(line \\d+\\), user index 5: file is truncated in the user starting at byte \\d+`));
  });

  it('names the position of corrupt JSON inside a user and of stray bytes between users', () => {
    const text = FIXTURE.toString();
    const at = text.indexOf('"Grace Hopper"');
    const broken = `${text.slice(0, at)}Grace Hopper"${text.slice(at + '"Grace Hopper"'.length)}`;
    expect(() => scan(Buffer.from(broken), 50)).toThrow(/^f\.json: byte \d+ \(line 40\), user index 1: not valid JSON/);
    expect(() => scan(Buffer.from('{"Users":[{"Username":"a"} x {"Username":"b"}]}'), 8)).toThrow(/byte 27 \(line 1\), user index 1: unexpected 'x'/);
    expect(() => scan(Buffer.from('{"Users":[{"a":1}]]'), 8)).toThrow(/unexpected '\]'/);
    expect(() => scan(Buffer.from('{"Users":["nope"]}'), 8)).toThrow(/expected a user object/);
    expect(() => scan(Buffer.from('garbage'), 8)).toThrow(/byte 0 \(line 1\), user index 0: unexpected 'g'/);
  });
});
