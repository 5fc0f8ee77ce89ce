import { exports } from 'cloudflare:workers'

/** A request to the Worker exactly as a client would make it. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`https://bank.test${path}`, init))
}

/** GET a path and parse its JSON body, asserting nothing about the status. */
export async function getJson<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await call(path, init)
  return { status: res.status, body: (await res.json()) as T, res }
}
