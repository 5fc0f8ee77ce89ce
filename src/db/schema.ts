/**
 * The database schema: one module per domain in `schema/`, gathered here for drizzle (queries and
 * drizzle-kit, which generates `migrations/` from it with `npm run db:generate`; wrangler applies
 * them). Keys are camelCase here and snake_case in SQL.
 *
 * Every piece of Markdown/TeX is stored twice: the source as written, and the HTML KaTeX and
 * markdown-it rendered when it was written, so reads never render.
 */
export * from './schema/accounts.ts'
export * from './schema/annotations.ts'
export * from './schema/audit.ts'
export * from './schema/authoring.ts'
export * from './schema/bank.ts'
export * from './schema/discussions.ts'
export * from './schema/evidence.ts'
export * from './schema/hubs.ts'
export * from './schema/search.ts'
export * from './schema/lists.ts'
export * from './schema/sets.ts'
export * from './schema/workgroups.ts'
