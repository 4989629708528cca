// vitest setupFiles: after each test file, its PostgreSQL databases are closed and dropped.
import { afterAll } from 'vitest';
import { closeOpenedDatabases } from './postgres.ts';

afterAll(closeOpenedDatabases, 60_000);
