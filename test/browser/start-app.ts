/**
 * Starts the app exactly as the README says (`npm start`, which migrates and seeds a local D1 and
 * runs wrangler dev) on a spare port, waits until it answers, and stops it afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import type { TestProject } from 'vitest/node'

const PORT = Number(process.env.E2E_PORT ?? 8788)
/** wrangler dev's output, where it says which file each email went to (see mail.ts). */
export const APP_LOG = 'test-results/app.log'
let app: ChildProcess | undefined

export async function setup(project: TestProject) {
  app = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(PORT), WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  mkdirSync('test-results', { recursive: true })
  writeFileSync(APP_LOG, '')
  const keep = (chunk: Buffer) => {
    log += chunk
    appendFileSync(APP_LOG, chunk)
  }
  app.stdout?.on('data', keep)
  app.stderr?.on('data', keep)
  const base = `http://localhost:${PORT}`
  const deadline = Date.now() + 150_000
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`npm start exited with ${app.exitCode}:\n${log}`)
    try {
      if ((await fetch(`${base}/api/health`)).ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  if (Date.now() >= deadline) throw new Error(`the app did not start within 150 s:\n${log}`)
  project.provide('baseUrl', base)
  project.provide('appLog', APP_LOG)
}

export async function teardown() {
  // npm start runs wrangler in children: end the whole process group.
  if (app?.pid) {
    try {
      process.kill(-app.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    appLog: string
  }
}
