// drizzle-kit: generates db/migrations from db/schema.ts (one set for Node and D1).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
