/**
 * How a teacher's list is shown: the items in order with move and remove buttons, and what the
 * list can become (a worksheet, classroom mode, a live session, a workgroup set). A signed-in
 * teacher's buttons post to the server; a visitor's list lives in the URL (and, with JavaScript,
 * in localStorage), so the same buttons are GET forms that carry the new order.
 */
import type { Child } from 'hono/jsx'

export interface ListEntry {
  id: string
  construct: string
  topic: { name: string }
  years: number[]
}

/** Where the list is kept: decides whether the buttons post or carry the list in the URL. */
export type ListStore = 'account' | 'browser'

const joined = (ids: string[]) => ids.join(',')

/** The classroom-mode link for the list, starting at its first item. */
export const classroomHref = (ids: string[], name: string) =>
  ids.length === 0
    ? '#'
    : `/items/${ids[0]}/classroom?${new URLSearchParams({ list: joined(ids), ...(name ? { name } : {}) })}`

export const printHref = (ids: string[], name: string) =>
  `/print?${new URLSearchParams({ items: joined(ids), ...(name ? { title: name } : {}) })}`

/** A button that changes the list: a POST for an account, a GET carrying the new order otherwise. */
function ListButton(props: {
  store: ListStore
  action: string
  fields: Record<string, string>
  /** The order after the change, for a list kept in the URL. */
  after: string[]
  name: string
  /** Words only a screen reader hears after the visible ones, naming the item. */
  label: string
  children: Child
  class?: string
}) {
  return props.store === 'account' ? (
    <form method="post" action={props.action} class="inline">
      {Object.entries(props.fields).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={props.class ?? 'secondary'}>
        {props.children}
        <span class="visually-hidden">{props.label}</span>
      </button>
    </form>
  ) : (
    <form method="get" action="/list" class="inline">
      <input type="hidden" name="items" value={joined(props.after)} />
      <input type="hidden" name="name" value={props.name} />
      <button type="submit" class={props.class ?? 'secondary'}>
        {props.children}
        <span class="visually-hidden">{props.label}</span>
      </button>
    </form>
  )
}

export function ListItems(props: { store: ListStore; name: string; items: ListEntry[] }) {
  const ids = props.items.map((i) => i.id)
  const swap = (at: number, to: number) => {
    const order = [...ids]
    ;[order[at], order[to]] = [order[to] as string, order[at] as string]
    return order
  }
  return (
    <ol class="my-list" id="my-list">
      {props.items.map((item, n) => (
        <li class="card">
          <div>
            <a href={`/items/${item.id}`}>{item.construct}</a>
            <p class="muted">
              {item.topic.name}
              {item.years.length > 0 && ` · Years ${item.years.join(', ')}`}
            </p>
          </div>
          <div class="list-actions no-print">
            {n > 0 && (
              <ListButton
                store={props.store}
                action="/list/move"
                fields={{ itemId: item.id, direction: 'up' }}
                after={swap(n, n - 1)}
                name={props.name}
                label={`: move “${item.construct}” up`}
              >
                <span aria-hidden="true">↑</span> Up
              </ListButton>
            )}
            {n < props.items.length - 1 && (
              <ListButton
                store={props.store}
                action="/list/move"
                fields={{ itemId: item.id, direction: 'down' }}
                after={swap(n, n + 1)}
                name={props.name}
                label={`: move “${item.construct}” down`}
              >
                <span aria-hidden="true">↓</span> Down
              </ListButton>
            )}
            <ListButton
              store={props.store}
              action="/list/remove"
              fields={{ itemId: item.id }}
              after={ids.filter((id) => id !== item.id)}
              name={props.name}
              label={` “${item.construct}”`}
            >
              Remove
            </ListButton>
          </div>
        </li>
      ))}
    </ol>
  )
}

/** The list's name: posted for an account, carried in the URL otherwise. */
export function ListNameForm(props: {
  store: ListStore
  name: string
  ids: string[]
  errors?: Child
}) {
  return (
    <form
      method={props.store === 'account' ? 'post' : 'get'}
      action="/list"
      class="card list-name no-print"
    >
      {props.errors}
      {props.store === 'browser' && <input type="hidden" name="items" value={joined(props.ids)} />}
      <label for="list-name">Name of the list</label>
      <div class="searchbar">
        <input
          id="list-name"
          name="name"
          type="text"
          maxlength={160}
          value={props.name}
          placeholder="e.g. Y5 fractions starter"
        />
        <button type="submit">Save name</button>
      </div>
    </form>
  )
}

/** "Add to my list" for one item: a plain form; public/app.js keeps a visitor's list locally. */
export function AddToListButton(props: { itemId: string; onList: boolean; back: string }) {
  if (props.onList)
    return (
      <a class="button secondary add-to-list" href="/list" data-on-list={props.itemId}>
        On my list ✓
      </a>
    )
  return (
    <form method="post" action="/list/items" class="inline add-to-list" data-add-to-list>
      <input type="hidden" name="itemId" value={props.itemId} />
      <input type="hidden" name="next" value={props.back} />
      <button type="submit" class="secondary">
        Add to my list
      </button>
    </form>
  )
}
