// drizzle-kit: generates db/postgres/migrations from db/postgres/schema.ts (PostgreSQL, CUTOVER_DATABASE_URL).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/postgres/schema.ts',
  out: './db/postgres/migrations',
});
