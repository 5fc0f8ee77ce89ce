/** Requests to the Worker as a client makes them, and signing up through the API. */
import { exports } from 'cloudflare:workers'
import { tokenSentTo } from './outbox.ts'

/** A request to the Worker exactly as a client would make it. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`https://bank.test${path}`, init))
}

/** GET a path and parse its JSON body (typed by the caller from the route schemas: see api-types.ts), asserting nothing about the status. */
export async function getJson<T = unknown>(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; res: Response }> {
  const res = await call(path, init)
  return { status: res.status, body: (await res.json()) as T, res }
}

let address = 0
/** A distinct client address per call, so the sign-in rate limit only bites where a test means it to. */
export const freshAddress = () => `192.0.2.${(address++ % 250) + 1}`

export interface TestUser {
  id: string
  email: string
  password: string
  cookie: string
}

/** POST a JSON body from a fresh client address, anonymously. */
export const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress(), ...headers },
    body: JSON.stringify(body),
  })

/**
 * Sign up through the API as a teacher would: ask, follow the emailed link, and return the
 * session cookie that finishing sets.
 */
export async function signUp(name: string, extra: { school?: string } = {}): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${crypto.randomUUID().slice(0, 8)}@school.test`
  const password = 'correct horse battery staple'
  const asked = await postJson('/api/auth/signup', { email, password, displayName: name, ...extra })
  if (asked.status !== 202) throw new Error(`sign-up failed: ${asked.status} ${await asked.text()}`)
  const token = tokenSentTo(email, '/signup/confirm')
  const res = await postJson('/api/auth/signup/confirm', { token })
  if (res.status !== 201) throw new Error(`confirming failed: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { user: { id: string } }
  return { id: body.user.id, email, password, cookie: sessionCookie(res) }
}

/** The `cookie` header value that sends back the session a response set. */
export function sessionCookie(res: Response): string {
  const match = /__Host-session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')
  if (!match) throw new Error('no session cookie was set')
  return `__Host-session=${match[1]}`
}

/** A JSON request as a signed-in user (cookie), or anonymous when `as` is null. */
export function send(
  as: { cookie: string } | null,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'cf-connecting-ip': freshAddress(), ...extra }
  if (as) headers.cookie = as.cookie
  if (body !== undefined) headers['content-type'] = 'application/json'
  return call(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** A page's form posted as a browser without JavaScript posts it (the redirect left unfollowed). */
export function submitForm(path: string, fields: Record<string, string>, as?: { cookie: string }) {
  return call(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': freshAddress(),
      ...(as ? { cookie: as.cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
}
