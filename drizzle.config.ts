import { defineConfig } from 'drizzle-kit'

// Migrations are generated into the folder wrangler applies (`migrations_dir` in wrangler.toml).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
  casing: 'snake_case',
})
