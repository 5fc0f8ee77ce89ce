import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import { loadContent } from './src/bank/content-files.ts'
import { seedStatements } from './src/bank/seed.ts'
import { rendererWorker } from './test/renderer-worker.ts'

// The Worker's tests run inside workerd against a D1 that is migrated and seeded with the real
// starter bank (the fuzz test in a workerd and D1 of its own); the content build's tests run in
// Node, where content/ is read; the browser tests drive the app as `npm start` runs it.
const FUZZ = 'test/worker/fuzz.test.ts'

/** A project of Worker tests in workerd, over a D1 migrated and seeded with the real bank. */
function workerProject(name: string, files: { include: string[]; exclude?: string[] }) {
  return {
    plugins: [
      cloudflareTest(async () => {
        const { bank, problems } = await loadContent('content')
        if (problems.length > 0)
          throw new Error(`content/ has ${problems.length} problem(s): run npm run content:check`)
        return {
          wrangler: { configPath: './wrangler.toml' },
          miniflare: {
            // Rendering on write runs in the renderer Worker, reached over its service binding.
            workers: [await rendererWorker()],
            serviceBindings: {
              RENDERER: { name: 'misconception-bank-renderer', entrypoint: 'Renderer' },
            },
            bindings: {
              TEST_MIGRATIONS: await readD1Migrations('migrations'),
              TEST_SEED: seedStatements(bank, '2026-01-01T00:00:00.000Z'),
              // The fuzz test's request count and seed (scripts/fuzz.ts sets them for long runs).
              FUZZ_RUNS: process.env.FUZZ_RUNS ?? '',
              FUZZ_SEED: process.env.FUZZ_SEED ?? '',
            },
          },
        }
      }),
    ],
    test: {
      name,
      ...files,
      // One workerd per worker process, reused by its test files: the bank is migrated and
      // seeded once per process instead of once per file.
      isolate: false,
      // Generous: scrypt and D1 are slow on a shared 2-core machine, and a timeout is not a
      // finding. Speed is measured by the benchmarks, never by timed tests.
      testTimeout: 30_000,
      setupFiles: ['test/worker/apply-migrations.ts'],
    },
  }
}

export default defineConfig({
  test: {
    projects: [
      workerProject('worker', { include: ['test/worker/**/*.test.ts'], exclude: [FUZZ] }),
      // Its own workerd and D1: what the fuzz writes must not change what other files read.
      workerProject('fuzz', { include: [FUZZ] }),
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          // Whole-bank round trips take seconds on a loaded machine; speed is for benchmarks.
          testTimeout: 60_000,
        },
      },
      {
        // The app started as the README starts it, driven by Debian's Chromium.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/start-app.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
