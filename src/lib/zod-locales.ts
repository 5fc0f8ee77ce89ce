/**
 * Stands in for zod's `locales` index in the deploy bundle (see `[alias]` in wrangler.toml). zod
 * re-exports all its ~50 locales from its namespace object, which no bundler can tree-shake, and
 * they were a fifth of the Worker. Our error messages are English only, and zod registers English
 * from its own module, so `en` is all that is kept.
 */
export { default as en } from 'zod/v4/locales/en.js'
