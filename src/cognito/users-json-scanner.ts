// Streaming reader for list-users output ({"Users":[...]}, a bare array) and JSON Lines: bounded memory, exact positions.

export interface ScannedUser {
  record: unknown;
  /** 0-based index of the user in its file */
  index: number;
  byte: number;
  line: number;
}

/** A file that is not valid list-users JSON / JSON Lines; the message names the file and the position. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

const QUOTE = 0x22, BACKSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d, COMMA = 0x2c, COLON = 0x3a, NL = 0x0a;
const isSpace = (b: number) => b === 0x20 || b === NL || b === 0x0d || b === 0x09;

/**
 * Scans bytes once, tracking strings and nesting only; each user object's bytes are handed to
 * JSON.parse on their own, so memory holds one chunk plus one user whatever the file size.
 */
export class UsersJsonScanner {
  private stack: number[] = [];
  private inString = false;
  private escaped = false;
  private offset = 0;
  private line = 1;
  private count = 0;
  /** depth of the array whose elements are users (-1: none open) */
  private usersDepth = -1;
  private expectKey = false;
  private key: string | null = null;
  private keyParts: string | null = null;
  private lastKey: string | null = null;
  /** the object being captured (a user), its start and the parts carried over from earlier chunks */
  private capture: { start: number; byte: number; line: number; parts: Uint8Array[]; topLevel: boolean } | null = null;

  constructor(private readonly file: string) {}

  private where(byte: number, line: number) {
    return `${this.file}: byte ${byte} (line ${line}), user index ${this.count}`;
  }

  push(buf: Uint8Array): ScannedUser[] {
    const out: ScannedUser[] = [];
    const n = buf.length;
    let i = 0;
    if (this.capture) this.capture.start = 0;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        let q = buf.indexOf(QUOTE, i);
        for (;;) {
          let k = (q < 0 ? n : q) - 1;
          let slashes = 0;
          while (k >= i && buf[k] === BACKSLASH) slashes++, k--;
          if (q < 0) {
            this.escaped = slashes % 2 === 1;
            if (this.keyParts !== null) this.keyParts += latin1(buf, i, n);
            i = n;
            break;
          }
          if (slashes % 2 === 1) {
            q = buf.indexOf(QUOTE, q + 1);
            continue;
          }
          if (this.keyParts !== null) {
            this.key = this.keyParts + latin1(buf, i, q);
            this.keyParts = null;
          }
          this.inString = false;
          i = q + 1;
          break;
        }
        continue;
      }
      const b = buf[i];
      const depth = this.stack.length;
      if (b === QUOTE) {
        if (depth === this.usersDepth) throw new ImportFileError(`${this.where(this.offset + i, this.line)}: expected a user object`);
        this.inString = true;
        if (depth === 1 && this.expectKey && this.stack[0] === LBRACE) this.keyParts = '';
      } else if (b === LBRACE || b === LBRACKET) {
        if (depth === 0 && b === LBRACE) this.capture = { start: i, byte: this.offset + i, line: this.line, parts: [], topLevel: true };
        else if (depth === 0) this.usersDepth = 1;
        else if (depth === 1 && b === LBRACKET && this.lastKey === 'Users' && this.capture?.topLevel) {
          this.capture = null; // a list-users wrapper, not a user: its elements are the users
          this.usersDepth = 2;
        } else if (depth === this.usersDepth) {
          if (b !== LBRACE) throw new ImportFileError(`${this.where(this.offset + i, this.line)}: expected a user object`);
          this.capture = { start: i, byte: this.offset + i, line: this.line, parts: [], topLevel: false };
        }
        this.stack.push(b);
        this.expectKey = b === LBRACE;
      } else if (b === RBRACE || b === RBRACKET) {
        const open = this.stack.pop();
        if (open !== (b === RBRACE ? LBRACE : LBRACKET)) throw new ImportFileError(`${this.where(this.offset + i, this.line)}: unexpected '${String.fromCharCode(b)}'`);
        const d = this.stack.length;
        if (this.capture && (d === this.usersDepth || (d === 0 && this.capture.topLevel))) out.push(this.finish(buf, i + 1));
        if (b === RBRACKET && d === this.usersDepth - 1) this.usersDepth = -1;
        this.expectKey = false;
      } else if (b === COMMA) {
        this.expectKey = depth === 1;
      } else if (b === COLON) {
        if (depth === 1) (this.lastKey = this.key), (this.expectKey = false);
      } else if (b === NL) {
        this.line++;
      } else if (!isSpace(b) && (depth === 0 || depth === this.usersDepth)) {
        throw new ImportFileError(`${this.where(this.offset + i, this.line)}: unexpected '${String.fromCharCode(b)}'`);
      }
      i++;
    }
    if (this.capture) {
      // Carry only the unfinished user over (a copy: the stream may reuse its buffers).
      this.capture.parts.push(buf.slice(this.capture.start));
    }
    this.offset += n;
    return out;
  }

  private finish(buf: Uint8Array, end: number): ScannedUser {
    const c = this.capture!;
    this.capture = null;
    let record: unknown;
    try {
      const text = c.parts.length === 0 ? utf8(buf, c.start, end) : utf8(concat([...c.parts, buf.subarray(0, end)]), 0, undefined);
      record = JSON.parse(text);
    } catch (e) {
      throw new ImportFileError(`${this.where(c.byte, c.line)}: not valid JSON (${(e as Error).message})`);
    }
    const scanned = { record, index: this.count, byte: c.byte, line: c.line };
    this.count++;
    return scanned;
  }

  /** Call at end of file: a file cut short fails here, naming where it stops. */
  end(): void {
    if (this.stack.length > 0 || this.inString) {
      const at = this.capture ? ` in the user starting at byte ${this.capture.byte} (line ${this.capture.line})` : '';
      throw new ImportFileError(`${this.where(this.offset, this.line)}: file is truncated${at}`);
    }
  }

  get users(): number {
    return this.count;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
function utf8(buf: Uint8Array, start: number, end: number | undefined): string {
  return decoder.decode(buf.subarray(start, end));
}
function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let k = start; k < end; k++) s += String.fromCharCode(buf[k]);
  return s;
}
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}
