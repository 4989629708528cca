// drizzle-kit: generates db/sqlite/migrations from db/sqlite/schema.ts (one set for Node and D1).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/sqlite/schema.ts',
  out: './db/sqlite/migrations',
});
