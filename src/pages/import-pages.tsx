/**
 * A curator imports a file into the hub's review queue: upload it, read the dry-run report row
 * by row, confirm, and get the report of what landed. Parsing and checks are prepareImport's, as
 * for `POST /api/hubs/{slug}/import`; the write is importIntoHub (revisions in review, authored
 * by the importer, so another curator publishes them).
 */
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { importIntoHub } from '../imports/imports.queries.ts'
import type { ImportReport, ImportSource } from '../imports/prepare.ts'
import { MAX_IMPORT_BYTES } from '../imports/imports.routes.ts'
import type { AppEnv } from '../lib/context.ts'
import { ApiError } from '../lib/errors.ts'
import { FormErrors } from './form-errors.tsx'
import { curatorContext, HubNav } from './hub-common.tsx'
import { Layout } from './layout.tsx'

export const importPages = new Hono<AppEnv>()

const FORMATS = [
  ['diagnostic-csv', 'Diagnostic-question CSV (questions and misconceptions files)'],
  ['moodle-xml', 'Moodle XML'],
  ['json', 'Our JSON export'],
] as const
type Format = (typeof FORMATS)[number][0]

/** A file field, or the same text carried back in a hidden field after the dry run. */
async function textOf(body: Record<string, string | File | (string | File)[]>, name: string) {
  const value = body[name]
  if (value instanceof File)
    return value.size > 0 ? { text: await value.text(), name: value.name } : null
  const carried = body[`${name}Text`]
  return typeof carried === 'string' && carried
    ? { text: carried, name: String(body[`${name}Name`] ?? name) }
    : null
}

function sourceFrom(
  format: Format,
  files: Record<string, { text: string; name: string } | null>,
): ImportSource | null {
  const { questions, misconceptions, file } = files
  if (format === 'diagnostic-csv')
    return questions && misconceptions
      ? {
          format,
          name: questions.name,
          questions: questions.text,
          misconceptions: misconceptions.text,
        }
      : null
  if (!file) return null
  return format === 'moodle-xml'
    ? { format, name: file.name, xml: file.text }
    : { format, name: file.name, text: file.text }
}

function Report({ report, dryRun }: { report: ImportReport; dryRun: boolean }) {
  const rows = [
    ...report.skipped.map((p) => ({ ...p, what: 'Skipped' })),
    ...report.flagged.map((p) => ({ ...p, what: 'Imported, flagged' })),
  ].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
  return (
    <section aria-labelledby="report-heading" class="card">
      <h2 id="report-heading">
        {dryRun ? 'Dry run: nothing written yet' : 'Imported into review'}
      </h2>
      <p role="status">
        {report.items} {report.items === 1 ? 'item' : 'items'} and {report.misconceptions}{' '}
        {report.misconceptions === 1 ? 'misconception' : 'misconceptions'}{' '}
        {dryRun ? 'would be' : 'were'} imported; {report.skipped.length} skipped,{' '}
        {report.flagged.length} flagged.
      </p>
      {rows.length > 0 && (
        <div class="table-scroll">
          <table class="report">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Row</th>
                <th scope="col">Outcome</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{r.source}</td>
                  <td>{r.row ?? '—'}</td>
                  <td>{r.what}</td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

async function importPage(
  c: Context<AppEnv>,
  state: {
    errors?: string[]
    format?: Format
    licence?: string
    report?: ImportReport
    dryRun?: boolean
    carried?: Record<string, { text: string; name: string } | null>
  } = {},
) {
  const { user, hub } = await curatorContext(c)
  const format = state.format ?? 'diagnostic-csv'
  const confirmable =
    state.dryRun && state.report && state.report.items + state.report.misconceptions > 0
  return c.html(
    <Layout title={`${hub.name}: import`} user={user} maths={false}>
      <HubNav hub={hub} current="import" />
      <h1>Import into review</h1>
      <p>
        Items land in the <a href={`/hubs/${hub.slug}/review`}>review queue</a> as your revisions:
        another curator reviews and publishes each. A bad row is skipped and reported with its row
        number (the header is row 1); importing the same file again changes nothing.
      </p>
      {state.report && <Report report={state.report} dryRun={Boolean(state.dryRun)} />}
      {confirmable && (
        <form method="post" action={`/hubs/${hub.slug}/import`} class="card">
          <input type="hidden" name="format" value={format} />
          <input type="hidden" name="licence" value={state.licence ?? ''} />
          {Object.entries(state.carried ?? {}).map(([name, file]) =>
            file ? (
              <>
                <input type="hidden" name={`${name}Text`} value={file.text} />
                <input type="hidden" name={`${name}Name`} value={file.name} />
              </>
            ) : null,
          )}
          <button type="submit" name="intent" value="import">
            Import these into review
          </button>
        </form>
      )}
      <form
        method="post"
        action={`/hubs/${hub.slug}/import`}
        enctype="multipart/form-data"
        class="card narrow"
      >
        <h2>{state.report ? 'Check another file' : 'Choose a file'}</h2>
        <FormErrors errors={state.errors} />
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map(([value, label]) => (
            <label class="check">
              <input type="radio" name="format" value={value} checked={format === value} /> {label}
            </label>
          ))}
        </fieldset>
        <label for="import-questions">Questions CSV (diagnostic-question layout)</label>
        <input id="import-questions" name="questions" type="file" accept=".csv,text/csv" />
        <label for="import-misconceptions">Misconceptions CSV</label>
        <input
          id="import-misconceptions"
          name="misconceptions"
          type="file"
          accept=".csv,text/csv"
        />
        <label for="import-file">Or a Moodle XML or JSON file</label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".xml,.json,application/xml,application/json"
        />
        <label for="import-licence">Licence of the imported items</label>
        <input
          id="import-licence"
          name="licence"
          type="text"
          value={state.licence ?? 'CC-BY-4.0'}
          maxlength={60}
        />
        <p>
          <button type="submit" name="intent" value="check">
            Check the file (dry run)
          </button>
        </p>
      </form>
    </Layout>,
    state.errors ? 400 : 200,
  )
}

importPages.get('/hubs/:slug/import', (c) => importPage(c))

importPages.post(
  '/hubs/:slug/import',
  bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: () => {
      throw new ApiError(
        413,
        `Files over ${MAX_IMPORT_BYTES / 1024 / 1024} MiB go through npm run import`,
      )
    },
  }),
  async (c) => {
    const { user, db, hub } = await curatorContext(c)
    const body = await c.req.parseBody()
    const format = (FORMATS.find(([f]) => f === body.format)?.[0] ?? 'diagnostic-csv') as Format
    const licence = (typeof body.licence === 'string' ? body.licence.trim() : '') || 'CC-BY-4.0'
    const carried = {
      questions: await textOf(body, 'questions'),
      misconceptions: await textOf(body, 'misconceptions'),
      file: await textOf(body, 'file'),
    }
    const source = sourceFrom(format, carried)
    if (!source)
      return importPage(c, {
        format,
        licence,
        errors: [
          format === 'diagnostic-csv'
            ? 'Choose both the questions and the misconceptions CSV'
            : 'Choose a file',
        ],
      })
    const dryRun = body.intent !== 'import'
    const report = await importIntoHub(db, c.env.DB, c.env.MEDIA, source, {
      hubSlug: hub.slug,
      importerId: user.id,
      dryRun,
      licence: licence.slice(0, 60),
    })
    return importPage(c, { format, licence, report, dryRun, carried })
  },
)
