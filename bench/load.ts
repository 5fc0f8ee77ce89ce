/**
 * A closed-loop HTTP load generator: a fixed number of connections, each sending its next request
 * as soon as the previous response has been read in full. Closed-loop keeps the load bounded
 * (never more than `concurrency` requests in flight), so an overloaded server shows up as lower
 * throughput and higher latency rather than as a growing queue on the client.
 */
import { Agent, request } from 'node:http'
import { type Summary, summarize } from './stats.ts'

export interface LoadOptions {
  /** Only loopback is ever loaded; the base is checked. */
  base: string
  concurrency: number
  durationMs: number
  /** Load before measuring, discarded: connections are opened and the isolate's JIT is warm. */
  warmupMs: number
}

export interface LoadResult {
  requests: number
  perSecond: number
  latency: Summary
  /** Responses other than 200, and connection errors, by status (0 = no response). */
  failures: Record<number, number>
}

/** GET a path and read the whole body; resolves with the status (0 if the request failed). */
function get(agent: Agent, base: URL, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, path, method: 'GET' },
      (res) => {
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', () => resolve(0))
        res.resume()
      },
    )
    req.on('error', () => resolve(0))
    req.end()
  })
}

/** Drive `nextPath()` (called once per request, e.g. rotating through a query mix). */
export async function runLoad(nextPath: () => string, options: LoadOptions): Promise<LoadResult> {
  const base = new URL(options.base)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new Error(`refusing to load ${base.hostname}: the benchmark only targets loopback`)
  }
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency })
  try {
    const phase = async (durationMs: number, record: boolean) => {
      const latencies: number[] = []
      const failures: Record<number, number> = {}
      const started = performance.now()
      const end = started + durationMs
      const connection = async () => {
        while (performance.now() < end) {
          const sent = performance.now()
          const status = await get(agent, base, nextPath())
          if (!record) continue
          latencies.push(performance.now() - sent)
          if (status !== 200) failures[status] = (failures[status] ?? 0) + 1
        }
      }
      await Promise.all(Array.from({ length: options.concurrency }, connection))
      return { latencies, failures, elapsed: performance.now() - started }
    }
    await phase(options.warmupMs, false)
    const { latencies, failures, elapsed } = await phase(options.durationMs, true)
    return {
      requests: latencies.length,
      perSecond: (latencies.length / elapsed) * 1000,
      latency: summarize(latencies),
      failures,
    }
  } finally {
    agent.destroy()
  }
}
