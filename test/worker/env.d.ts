/** The bindings the test configuration adds to the Worker's Env: migrations and seed statements. */
import type { D1Migration } from '@cloudflare/vitest-plugin'

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[]
      TEST_SEED: import('../../src/bank/statements.ts').Statement[]
      /** Requests the fuzz test sends over all operations ('' for its default). */
      FUZZ_RUNS: string
      /** fast-check seed to replay a fuzz run ('' for a random one). */
      FUZZ_SEED: string
    }
  }
}
