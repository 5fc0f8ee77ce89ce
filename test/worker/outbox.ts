/**
 * Every email the Worker sends during the tests, read back by address. The `EMAIL` binding is
 * wrapped once per workerd (the test files share one, and its env): each message is recorded
 * here and then handed to the real (emulated) binding, which still checks it.
 */
import { env } from 'cloudflare:workers'

export interface SentEmail {
  to: string
  subject: string
  text: string
}

const box = globalThis as { __outbox?: SentEmail[] }
if (!box.__outbox) {
  box.__outbox = []
  const real = env.EMAIL
  const wrapped: SendEmail = {
    send: async (message: EmailMessage | EmailMessageBuilder) => {
      if ('subject' in message)
        box.__outbox?.push({
          to: String(message.to).toLowerCase(),
          subject: message.subject,
          text: message.text ?? '',
        })
      return real.send(message as EmailMessageBuilder)
    },
  }
  Object.defineProperty(env, 'EMAIL', { value: wrapped, configurable: true })
}

/** The messages sent to `address`, oldest first. */
export const emailsTo = (address: string) =>
  (box.__outbox ?? []).filter((m) => m.to === address.toLowerCase())

/** The token in the newest link to `path` sent to `address`. */
export function tokenSentTo(address: string, path: string): string {
  const pattern = new RegExp(`${path.replace(/\//g, '\\/')}\\?token=([\\w-]+)`)
  const found = emailsTo(address)
    .map((m) => pattern.exec(m.text)?.[1])
    .filter((t): t is string => Boolean(t))
  const token = found.at(-1)
  if (!token) throw new Error(`no link to ${path} was sent to ${address}`)
  return token
}
