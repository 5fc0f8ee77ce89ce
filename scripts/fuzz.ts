/**
 * A long fuzz run: the same property-based test CI runs (test/worker/fuzz.test.ts), with more
 * requests. `npm run fuzz -- --runs 100000 [--seed N]`; prints the test's own summary line.
 */
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string' } },
})
const runs = Number(values.runs)
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive whole number, not "${values.runs}"`)
  process.exit(2)
}
const started = Date.now()
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'fuzz', 'test/worker/fuzz.test.ts'],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: values.seed ?? '' },
  },
)
console.log(
  `fuzz run of ${runs} requests took ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
)
process.exit(result.status ?? 1)
