// Runs before each test file: migrate the test D1 and seed it with the real starter bank, once.
// Test files in one workerd process share its storage (isolate: false in vitest.config.ts), so a
// bank that is already there is not seeded again; tests make their own users, hubs and items.
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { applyStatements } from '../../src/bank/seed.ts'
import './outbox.ts'

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
const seeded = await env.DB.prepare("SELECT 1 FROM bank_meta WHERE key = 'bank_version'").first()
if (!seeded) await applyStatements(env.DB, env.TEST_SEED)
