/** A short stable hash of content as written: revisions compare it to tell an edit from a no-op. */
import { createHash } from 'node:crypto'

export const contentHash = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16)
