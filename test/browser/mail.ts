/**
 * The emails the app sent under `wrangler dev`, read as a teacher would read their inbox: wrangler
 * logs each message's headers and the file its text went to, and the app's log is kept in a file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { inject } from 'vitest'

/** The newest link to `path` (with its token) in an email to `address`, waiting for it a little. */
export async function linkSentTo(address: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}\\?token=[\\w-]+`)
  for (let tries = 0; tries < 50; tries++) {
    const log = readFileSync(inject('appLog'), 'utf8')
    const links = log
      .split('send_email binding called')
      .filter((block) => new RegExp(`^To: .*${address.replace(/[.+]/g, '\\$&')}`, 'mi').test(block))
      .map((block) => /Text: (\S+\.txt)/.exec(block)?.[1])
      .filter((file): file is string => Boolean(file && existsSync(file)))
      .map((file) => pattern.exec(readFileSync(file, 'utf8'))?.[0])
      .filter((link): link is string => Boolean(link))
    if (links.length > 0) return links.at(-1) as string
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`no email to ${address} with a link to ${path}`)
}
