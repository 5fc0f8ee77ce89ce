/** The set builder's page body: the draft form with its entries, search to add, publish, versions. */
import type { getSet } from '../sets/sets.queries.ts'
import { FormErrors } from './form-errors.tsx'
import { Done, type Hub, HubNav } from './hub-common.tsx'
import { Html } from './layout.tsx'

export interface EditorEntry {
  itemId: string
  note: string
  construct: string
}

type SetView = NonNullable<Awaited<ReturnType<typeof getSet>>>

const EXPORTS = [
  ['qti', 'QTI 3.0'],
  ['moodle', 'Moodle XML'],
  ['gift', 'GIFT'],
  ['json', 'JSON'],
  ['html', 'Worksheet'],
] as const

export function SetEditor(props: {
  set: SetView
  hub: Hub | null
  values: Record<string, string>
  entries: EditorEntry[]
  errors?: string[]
  query: string
  found: { id: string; titleHtml: string }[]
  changelog: string[] | null
  done: string | null
}) {
  const { set, values, entries } = props
  const nextVersion = (set.versions[0]?.version ?? 0) + 1
  return (
    <>
      {props.hub ? (
        <HubNav hub={props.hub} />
      ) : (
        <>
          <link rel="stylesheet" href="/hub.css" />
          <script src="/hub.js" defer />
        </>
      )}
      <h1>Build: {set.title}</h1>
      <Done message={props.done} />
      <form method="post" action={`/sets/${set.id}/edit`} id="set-form">
        <input type="hidden" name="revision" value={String(set.revision)} />
        <FormErrors errors={props.errors} />
        <div class="card narrow">
          <label for="set-title">Title</label>
          <input
            id="set-title"
            name="title"
            type="text"
            required
            minlength={3}
            maxlength={160}
            value={values.title ?? ''}
          />
          <label for="set-description">Description</label>
          <textarea id="set-description" name="description" maxlength={4000}>
            {values.description ?? ''}
          </textarea>
          <label for="set-years">Year groups</label>
          <input
            id="set-years"
            name="years"
            type="text"
            inputmode="numeric"
            value={values.years ?? ''}
          />
        </div>
        <h2 id="entries-heading">Items ({entries.length})</h2>
        {entries.length === 0 && <p>No items yet: search below to add some.</p>}
        <ol class="results" data-set-entries aria-labelledby="entries-heading">
          {entries.map((entry, i) => (
            <li class="card set-entry" id={`entry-${i}`}>
              <span class="position" aria-hidden="true">
                {i + 1}.
              </span>
              <div>
                <a href={`/items/${entry.itemId}`}>{entry.construct}</a>
                <input type="hidden" name={`entries.${i}.itemId`} value={entry.itemId} />
                <input type="hidden" name={`entries.${i}.construct`} value={entry.construct} />
                <input type="hidden" name={`entries.${i}.position`} value={String(i + 1)} />
                <label for={`note-${i}`}>Note for the teacher on item {i + 1}</label>
                <textarea
                  id={`note-${i}`}
                  name={`entries.${i}.note`}
                  maxlength={1000}
                  class="short"
                >
                  {entry.note}
                </textarea>
              </div>
              <div class="controls">
                <button
                  type="submit"
                  class="secondary"
                  name="move"
                  value={`${i}:up`}
                  disabled={i === 0}
                  aria-label={`Move item ${i + 1} up`}
                >
                  Up
                </button>
                <button
                  type="submit"
                  class="secondary"
                  name="move"
                  value={`${i}:down`}
                  disabled={i === entries.length - 1}
                  aria-label={`Move item ${i + 1} down`}
                >
                  Down
                </button>
                <button
                  type="submit"
                  class="secondary"
                  name="remove"
                  value={String(i)}
                  aria-label={`Remove item ${i + 1}`}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
        <p>
          <button type="submit">Save the set</button>
        </p>
      </form>
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">Add items</h2>
        <form method="get" action={`/sets/${set.id}/edit`} role="search" class="searchbar">
          <label for="add-search" class="visually-hidden">
            Search published items to add
          </label>
          <input
            id="add-search"
            type="search"
            name="q"
            value={props.query}
            placeholder="Search items: perimeter, ½ + ¼…"
          />
          <button type="submit">Find items</button>
        </form>
        {props.query && props.found.length === 0 && <p>No items match “{props.query}”.</p>}
        <ul class="results">
          {props.found.map((hit) => (
            <li class="card">
              <Html tag="span" html={hit.titleHtml} />{' '}
              {entries.some((e) => e.itemId === hit.id) ? (
                <span class="muted">(in the set)</span>
              ) : (
                <button type="submit" form="set-form" name="add" value={hit.id} class="secondary">
                  Add
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {set.ownerType === 'hub' && (
        <section aria-labelledby="publish-heading">
          <h2 id="publish-heading">Publish version {nextVersion}</h2>
          {props.changelog ? (
            <>
              <p>What teachers will read as its changelog (from the saved draft):</p>
              <ul class="card">
                {props.changelog.map((line) => (
                  <li>{line}</li>
                ))}
              </ul>
              <form method="post" action={`/sets/${set.id}/publish`}>
                <button type="submit">Publish v{nextVersion}</button>
              </form>
            </>
          ) : (
            <p>Save a set with at least one item to publish it.</p>
          )}
        </section>
      )}
      {set.versions.length > 0 && (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">Published versions</h2>
          {set.versions.map((v) => (
            <div class="card">
              <h3>
                <a href={`/sets/${set.id}/versions/${v.version}`}>v{v.version}</a>{' '}
                <span class="muted">
                  published {v.publishedAt.slice(0, 10)}
                  {v.withdrawnAt &&
                    `, withdrawn ${v.withdrawnAt.slice(0, 10)}: ${v.withdrawnReason}`}
                </span>
              </h3>
              <p>
                Download:{' '}
                {EXPORTS.map(([format, label], n) => (
                  <>
                    {n > 0 && ' · '}
                    <a href={`/api/sets/${set.id}/versions/${v.version}/export?format=${format}`}>
                      {label}
                    </a>
                  </>
                ))}
              </p>
              {!v.withdrawnAt && (
                <form
                  method="post"
                  action={`/sets/${set.id}/versions/${v.version}/withdraw`}
                  class="narrow"
                >
                  <label for={`withdraw-${v.version}`}>Reason to withdraw v{v.version}</label>
                  <input
                    id={`withdraw-${v.version}`}
                    name="reason"
                    type="text"
                    required
                    minlength={3}
                    maxlength={500}
                  />
                  <p>
                    <button type="submit" class="secondary">
                      Withdraw v{v.version}
                    </button>
                  </p>
                </form>
              )}
            </div>
          ))}
        </section>
      )}
    </>
  )
}
