/**
 * The whole request path in the local Workers runtime: `wrangler dev` serving bench/worker.ts
 * (the real app plus the FTS5 and LIKE bench routes) from a throwaway local D1 seeded with a
 * synthetic bank through the same migrations and `seedStatements` a real seed uses.
 *
 * The wrangler process is always stopped, on success, on error and on Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { checkReferences } from '../src/bank/check.ts'
import type { TaxonomyRecord } from '../src/bank/compile.ts'
import { seedStatements, toSqlText } from '../src/bank/seed.ts'
import { runLoad, type LoadResult } from './load.ts'
import { QUERY_MIX, queryString } from './queries.ts'
import { generateBank, toCompiledBank } from './synthetic-bank.ts'

export interface EndToEndOptions {
  root: string
  taxonomy: TaxonomyRecord
  items: number
  concurrency: number
  durationMs: number
  warmupMs: number
  log: (message: string) => void
}

export interface EndToEndResult {
  items: number
  statements: number
  seedMs: number
  /** The first `/api/search` after the seed: reads the bank, builds the index and stores it. */
  firstSearchMs: number
  /** The first `/api/search` after wrangler restarts: reads the stored index and loads it. */
  coldStartMs: number
  /** Matches per query on each search path, to read the latencies against. */
  hits: { kind: string; q: string; search: number; fts: number; like: number }[]
  targets: {
    key: 'health' | 'search' | 'fts' | 'like'
    name: string
    path: string
    result: LoadResult
  }[]
  /** True when wrangler reloaded the Worker during the run (its isolate id changed). */
  reloaded: boolean
  wranglerVersion: string
}

// Fixed, so the seed SQL (and the bank version the index is keyed on) is the same every run.
const SEED_TIME = '2026-01-01T00:00:00.000Z'

// The project's own wrangler, run with this Node (the one package.json pins).
const wranglerPackage = createRequire(import.meta.url).resolve('wrangler/package.json')
const WRANGLER = join(dirname(wranglerPackage), 'bin', 'wrangler.js')
const WRANGLER_VERSION = (JSON.parse(readFileSync(wranglerPackage, 'utf8')) as { version: string })
  .version
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' }

/** Run a wrangler command to completion; its output is only shown if it fails. */
function wrangler(root: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: root, env: WRANGLER_ENV })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} failed (${code}):\n${output}`)),
    )
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

/** `wrangler dev` in its own process group, so stopping it also stops the workerd it starts. */
class DevServer {
  readonly base: string
  private readonly child: ChildProcess
  private output = ''
  private exited = false
  private readonly onExit = () => this.killGroup('SIGKILL')

  private constructor(base: string, child: ChildProcess) {
    this.base = base
    this.child = child
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk))
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk))
    child.on('exit', () => (this.exited = true))
    // Last resort if the benchmark dies without reaching its `finally`.
    process.on('exit', this.onExit)
  }

  /**
   * Serve `script`, a bundle made beforehand, with the project's wrangler.toml (its bindings,
   * vars and assets). A prebuilt bundle is served with --no-bundle, so wrangler has no sources to
   * watch: an edit under src/ during a run cannot reload the Worker mid-measurement.
   */
  static async start(root: string, script: string, persistTo: string): Promise<DevServer> {
    const [port, inspectorPort] = [await freePort(), await freePort()]
    const child = spawn(
      process.execPath,
      [
        WRANGLER,
        'dev',
        script,
        // Explicit: given a script path, wrangler would look for a config beside the script.
        '--config=wrangler.toml',
        '--no-bundle',
        '--ip=127.0.0.1',
        `--port=${port}`,
        `--inspector-port=${inspectorPort}`,
        `--persist-to=${persistTo}`,
        '--show-interactive-dev-session=false',
        '--log-level=warn',
      ],
      { cwd: root, env: WRANGLER_ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const server = new DevServer(`http://127.0.0.1:${port}`, child)
    try {
      await server.waitUntilReady(60_000)
    } catch (error) {
      await server.stop()
      throw error
    }
    return server
  }

  private async waitUntilReady(timeoutMs: number) {
    const deadline = performance.now() + timeoutMs
    let last = 'no response'
    while (performance.now() < deadline) {
      if (this.exited) throw new Error(`wrangler dev exited during start-up:\n${this.output}`)
      try {
        const response = await fetch(`${this.base}/api/health`)
        const body = await response.text()
        if (response.status === 200) return
        last = `${response.status} ${body.slice(0, 300)}`
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    throw new Error(
      `wrangler dev was not healthy after ${timeoutMs / 1000} s (last: ${last}):\n${this.output}`,
    )
  }

  private killGroup(signal: NodeJS.Signals, evenAfterExit = false) {
    if ((this.exited && !evenAfterExit) || this.child.pid === undefined) return
    try {
      process.kill(-this.child.pid, signal)
    } catch {
      // Already gone.
    }
  }

  async stop() {
    process.off('exit', this.onExit)
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve))
      this.killGroup('SIGTERM')
      const timer = setTimeout(() => this.killGroup('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    // wrangler may exit before the workerd processes it started; they are still in its group.
    this.killGroup('SIGKILL', true)
  }
}

async function getJson<T>(url: string): Promise<{ ms: number; body: T }> {
  const started = performance.now()
  const response = await fetch(url)
  const text = await response.text()
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${text.slice(0, 500)}`)
  return { ms: performance.now() - started, body: JSON.parse(text) as T }
}

export async function benchEndToEnd(options: EndToEndOptions): Promise<EndToEndResult> {
  const { root, log } = options
  const dir = await mkdtemp(join(tmpdir(), 'bench-search-'))
  const persistTo = join(dir, 'state')
  let server: DevServer | undefined
  const stopOnSignal = async (signal: NodeJS.Signals) => {
    await server?.stop()
    await rm(dir, { recursive: true, force: true })
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)
  try {
    // First, so a Worker that does not build fails the run before minutes of seeding. This is
    // the bundle a deploy would upload, with bench/worker.ts in place of src/index.ts.
    log('e2e: bundling bench/worker.ts…')
    const bundle = join(dir, 'bundle')
    await wrangler(root, [
      'deploy',
      'bench/worker.ts',
      '--config=wrangler.toml',
      '--dry-run',
      `--outdir=${bundle}`,
    ])

    const bank = toCompiledBank(generateBank(options.taxonomy, options.items))
    const problems = checkReferences(bank)
    if (problems.length > 0) {
      throw new Error(`the synthetic bank is invalid: ${JSON.stringify(problems.slice(0, 3))}`)
    }
    const statements = seedStatements(bank, SEED_TIME)
    const seedFile = join(dir, 'seed.sql')
    await writeFile(seedFile, toSqlText(statements).join('\n') + '\n')

    log(`e2e: migrating and seeding ${options.items} items (${statements.length} statements)…`)
    const local = ['--config=wrangler.toml', '--local', `--persist-to=${persistTo}`]
    await wrangler(root, ['d1', 'migrations', 'apply', 'DB', ...local])
    const seedStarted = performance.now()
    await wrangler(root, ['d1', 'execute', 'DB', ...local, `--file=${seedFile}`, '--yes'])
    const seedMs = performance.now() - seedStarted

    log('e2e: starting wrangler dev…')
    server = await DevServer.start(root, join(bundle, 'worker.js'), persistTo)
    const firstSearchMs = (await getJson(`${server.base}/api/search?${queryString(QUERY_MIX[1]!)}`))
      .ms
    // A cold start: a new workerd with the same D1, which now holds the stored index.
    log('e2e: restarting wrangler dev for a cold start…')
    await server.stop()
    server = await DevServer.start(root, join(bundle, 'worker.js'), persistTo)
    const base = server.base
    const coldStartMs = (await getJson(`${base}/api/search?${queryString(QUERY_MIX[1]!)}`)).ms
    const isolate = async () => (await getJson<{ isolate: string }>(`${base}/bench/isolate`)).body
    const before = await isolate()
    const total = async (path: string) => (await getJson<{ total: number }>(base + path)).body.total
    const hits = []
    for (const query of QUERY_MIX) {
      const qs = queryString(query)
      hits.push({
        kind: query.kind,
        q: query.q,
        search: await total(`/api/search?${qs}`),
        fts: await total(`/bench/fts?${qs}`),
        like: await total(`/bench/like?${qs}`),
      })
    }

    const rotating = (prefix: string) => {
      const paths = QUERY_MIX.map((query) => `${prefix}?${queryString(query)}`)
      let next = 0
      return () => paths[next++ % paths.length]!
    }
    const targets = [
      { key: 'health', name: 'health', path: '/api/health', next: () => '/api/health' },
      { key: 'search', name: 'index', path: '/api/search', next: rotating('/api/search') },
      { key: 'fts', name: 'FTS5', path: '/bench/fts', next: rotating('/bench/fts') },
      { key: 'like', name: 'LIKE', path: '/bench/like', next: rotating('/bench/like') },
    ] as const
    const results = []
    for (const target of targets) {
      log(
        `e2e: loading ${target.path} (${options.concurrency} connections, ${options.durationMs / 1000} s)…`,
      )
      const result = await runLoad(target.next, {
        base,
        concurrency: options.concurrency,
        durationMs: options.durationMs,
        warmupMs: options.warmupMs,
      })
      results.push({ key: target.key, name: target.name, path: target.path, result })
    }
    const after = await isolate()

    return {
      items: options.items,
      statements: statements.length,
      seedMs,
      firstSearchMs,
      coldStartMs,
      hits,
      targets: results,
      reloaded: before.isolate !== after.isolate,
      wranglerVersion: WRANGLER_VERSION,
    }
  } finally {
    await server?.stop()
    process.off('SIGINT', stopOnSignal)
    process.off('SIGTERM', stopOnSignal)
    await rm(dir, { recursive: true, force: true })
  }
}
