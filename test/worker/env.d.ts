/** The bindings the test configuration adds to the Worker's Env: migrations and seed statements. */
import type { D1Migration } from '@cloudflare/vitest-plugin'

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[]
      TEST_SEED: string[]
    }
  }
}
