/**
 * Create the first site admin (or promote an existing account) in the local D1, or with --remote
 * in the deployed one. The password comes from ADMIN_PASSWORD or is asked for; it is hashed here
 * with the same scrypt parameters the Worker uses and never printed.
 *
 *   npm run admin:create -- --email lead@example.org --name "Ada Lovelace" [--remote]
 */
import { execFileSync } from 'node:child_process'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { normalizeEmail } from '../src/accounts/accounts.queries.ts'
import { hashPassword, newId } from '../src/accounts/secrets.ts'
import { sqlLiteral } from '../src/bank/seed.ts'

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    remote: { type: 'boolean', default: false },
  },
})
if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) {
  console.error('usage: npm run admin:create -- --email ADDRESS --name "DISPLAY NAME" [--remote]')
  process.exit(2)
}

let password = process.env.ADMIN_PASSWORD
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  password = await rl.question(
    'Password for the admin (10+ characters; an existing account keeps its own): ',
  )
  rl.close()
}
if (password.length < 10) {
  console.error('The password must be at least 10 characters.')
  process.exit(2)
}

const email = normalizeEmail(values.email)
const now = new Date().toISOString()
// Insert, or promote the existing account without touching its password.
const sql = `INSERT INTO users (id, email, password_hash, display_name, is_site_admin, created_at, updated_at)
VALUES (${[newId(), email, await hashPassword(password), values.name ?? email.split('@')[0] ?? 'Admin', true, now, now].map(sqlLiteral).join(', ')})
ON CONFLICT (email) DO UPDATE SET is_site_admin = 1, updated_at = excluded.updated_at;`

execFileSync(
  'wrangler',
  ['d1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--command', sql, '--yes'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
)
console.log(`${email} is a site admin in the ${values.remote ? 'remote' : 'local'} database.`)
