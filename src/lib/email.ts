/**
 * Sending email through the `EMAIL` binding (Cloudflare Email Service; `[[send_email]]` in
 * wrangler.toml). Plain-text messages composed with the binding's own builder, so no MIME library
 * is bundled. `wrangler dev` emulates the binding and prints the file each message went to.
 */
import type { Context } from 'hono'
import type { AppEnv } from './context.ts'

export interface Email {
  to: string
  subject: string
  text: string
}

export async function sendEmail(c: Context<AppEnv>, email: Email) {
  await c.env.EMAIL.send({ from: c.env.EMAIL_FROM, ...email })
}

/** The site's origin for links in emails: SITE_URL when set, never a Host header otherwise. */
export const siteUrl = (c: Context<AppEnv>) =>
  (c.env.SITE_URL || new URL(c.req.url).origin).replace(/\/+$/, '')
