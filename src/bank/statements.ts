/**
 * SQL statements with bound parameters, the form every bank write takes (seed, import, authoring).
 * In the Worker each value is bound, so no text a teacher writes is ever parsed as SQL. The CLI
 * still needs a .sql file for `wrangler d1 execute --file`, which takes no parameters: only
 * `toSqlText` writes values into the text, and nothing in the Worker calls it.
 *
 * Many rows go in one statement as ONE bound JSON array (`json_each(?)`), not one `?` per value:
 * D1 binds at most 100 parameters per statement, and one statement per few rows would multiply
 * the statement count, which D1 caps per invocation.
 */

/** A bound value. json_extract gives the same types back: TEXT, INTEGER (or REAL) or NULL. */
export type Param = string | number | null

/**
 * One statement: `?` placeholders in `sql`, bound in order to `params`. A type, not an interface,
 * so it is plain JSON to miniflare (the test seed is passed to workerd as a binding).
 */
export type Statement = {
  sql: string
  params: Param[]
}

/** What a row may hold: objects are stored as JSON text and booleans as 0/1, as D1 would. */
export type Value = string | number | boolean | null | object

/**
 * D1 refuses a statement over 100,000 bytes of SQL and a row over 2 MB. A statement's JSON parameter, as it would be written into a .sql file (where the CLI's
 * copy must fit the same limit), stops at 97,000 bytes, counted exactly: a batch of many rows never
 * nears either limit. One row larger than that goes alone, bound in the Worker, where only the SQL
 * text counts; its .sql copy would be too large for a remote D1, as it always was.
 */
export const MAX_STATEMENT_BYTES = 97_000

/** D1's cap on bound parameters in one statement. */
export const MAX_PARAMS = 100

/** A value as it is bound: objects become JSON text and booleans 0 or 1. */
export function param(value: Value): Param {
  if (value === null || typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value}`)
    return value
  }
  return JSON.stringify(value)
}

/** A SQL literal, for the .sql file only (`toSqlText`, scripts/create-admin.ts). */
export function sqlLiteral(value: Value): string {
  const bound = param(value)
  if (bound === null) return 'NULL'
  if (typeof bound === 'number') return String(bound)
  return `'${bound.replaceAll("'", "''")}'`
}

const encoder = new TextEncoder()

/** UTF-8 length (D1's limits are in bytes, not UTF-16 units); most rows are ASCII throughout. */
export function utf8Bytes(text: string): number {
  return /[^\x00-\x7f]/.test(text) ? encoder.encode(text).length : text.length
}

/** Bytes a string takes inside a SQL literal (each quote doubled; the enclosing quotes aside). */
function literalBytes(value: string): number {
  let quotes = 0
  for (let i = value.indexOf("'"); i >= 0; i = value.indexOf("'", i + 1)) quotes++
  return utf8Bytes(value) + quotes
}

/**
 * `sql` (with one `?` for the rows, after any `fixed` parameters) once per chunk of `rows`, each
 * chunk bound as one JSON array (of arrays, or of plain values such as ids for an `IN`) and kept
 * under MAX_STATEMENT_BYTES as written out.
 * `key` starts a new chunk when a row's key is already in the current one, so a statement that
 * reads what earlier rows wrote (an item's latest revision) sees the row before it.
 */
export function jsonChunks(
  sql: string,
  rows: readonly (Value[] | Param)[],
  fixed: Param[] = [],
  key?: (row: Value[] | Param) => string,
): Statement[] {
  const out: Statement[] = []
  // As toSqlText writes it: each `?` becomes a literal, the rows' one is `'[…]'`, then `;`.
  const base =
    utf8Bytes(sql) -
    1 -
    fixed.length +
    fixed.reduce<number>((n, p) => n + utf8Bytes(sqlLiteral(p)), 0) +
    5
  let chunk: string[] = []
  let keys = new Set<string>()
  let size = base
  const flush = () => {
    if (chunk.length === 0) return
    out.push({ sql, params: [...fixed, `[${chunk.join(',')}]`] })
    chunk = []
    keys = new Set()
    size = base
  }
  for (const row of rows) {
    const json = JSON.stringify(Array.isArray(row) ? row.map(param) : row)
    const bytes = literalBytes(json) + 1 // and its comma
    const k = key?.(row)
    if (size + bytes > MAX_STATEMENT_BYTES || (k !== undefined && keys.has(k))) flush()
    chunk.push(json)
    if (k !== undefined) keys.add(k)
    size += bytes
  }
  flush()
  return out
}

/** `json_extract(value, '$[i]') AS name` for each name: the columns of a json_each row. */
export function jsonColumns(names: readonly string[]): string {
  return names.map((name, i) => `json_extract(value, '$[${i}]') AS "${name}"`).join(', ')
}

/**
 * Statements as SQL text for `wrangler d1 execute --file`, each parameter written in as a literal.
 * The SQL of a Statement has no `?` but its placeholders (no literal here contains one).
 */
export function toSqlText(statements: readonly Statement[]): string[] {
  return statements.map(({ sql, params }) => {
    const parts = sql.split('?')
    if (parts.length - 1 !== params.length)
      throw new Error(`${parts.length - 1} placeholders for ${params.length} parameters: ${sql}`)
    const text = parts.reduce((acc, part, i) => acc + sqlLiteral(params[i - 1]!) + part)
    return text.endsWith(';') ? text : `${text};`
  })
}

/**
 * Apply statements in the Worker as one D1 batch, which D1 runs as a transaction: the rows that
 * belong together land together or not at all. Every value is bound.
 */
export async function applyStatements(
  d1: D1Database,
  statements: readonly Statement[],
): Promise<void> {
  if (statements.length === 0) return
  await d1.batch(statements.map(({ sql, params }) => d1.prepare(sql).bind(...params)))
}
