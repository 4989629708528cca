// What a CLI command is, and the context it runs in.
import type { ParseArgsConfig } from 'node:util';
import type { Deps } from '../core/shared/deps.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandContext {
  values: Values;
  positionals: string[];
  json: boolean;
  /** Opens the database and builds the deps on first use (commands like --help never touch it). */
  deps(): Promise<Deps>;
  /** Progress and human messages: stderr, so stdout stays machine-readable with --json. */
  progress(line: string): void;
  /** Database upkeep only the runtime can do (it knows which database this is). */
  maintenance: Maintenance;
}

/** What a copy between databases moved, table by table. */
export interface CopyReport {
  from: string;
  to: string;
  tables: Array<{ table: string; source: number; copied: number }>;
}

export interface Maintenance {
  /** Applies the pending migrations of the configured database; where it is, and how many it applied. */
  migrate(): Promise<{ database: string; applied: number }>;
  /** Copies every table of a SQLite file into the configured PostgreSQL database (CUTOVER_DATABASE_URL). */
  copySqliteToPostgres(sqlitePath: string, progress: (line: string) => void): Promise<CopyReport>;
}

export interface Command {
  /** e.g. "keys rotate" */
  name: string;
  summary: string;
  usage: string;
  options?: Options;
  allowPositionals?: boolean;
  /** Returns the result object (printed as JSON with --json) and a human rendering. */
  run(ctx: CommandContext): Promise<{ result: unknown; text: string }>;
}

/** A bad flag or argument: the CLI prints it as one line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function requireString(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}
