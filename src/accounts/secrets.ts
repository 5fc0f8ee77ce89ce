/**
 * Passwords and random secrets. Passwords are hashed with scrypt from node:crypto (N=2^14, r=8,
 * p=5, 16-byte random salt), stored as `scrypt$N$r$p$salt$hash` so parameters can be raised
 * later without breaking old hashes. Not WebCrypto PBKDF2: production Workers cap it at 100,000
 * iterations, below OWASP's 600,000, while local workerd does not.
 *
 * Session tokens, API tokens and invite codes are 256-bit random values; only their SHA-256 is
 * stored, so a database leak yields nothing that signs anyone in.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const N = 2 ** 14
const R = 8
const P = 5
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, R, P)
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p))
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/**
 * A hash to verify against when the email is unknown, so a failed sign-in takes as long whether
 * or not the account exists.
 */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`

/** A random secret with a readable prefix (`mbs_` session, `mbt_` API token, `mbi_` invite). */
export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** A short random public id for rows people refer to (sessions, tokens, workgroups, invites). */
export const newId = () => randomBytes(12).toString('base64url')
