// Runs before each test file: migrate the test D1 and seed it with the real starter bank. Both
// steps are idempotent, so files may share storage.
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { applyStatements } from '../../src/bank/seed.ts'

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
await applyStatements(env.DB, env.TEST_SEED)
