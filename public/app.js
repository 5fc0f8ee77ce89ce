// Progressive enhancement only: every page works without this file.
;(() => {
  // Classroom mode: A–E reveal one option, R all; ← → (or P, N) move; Esc exits. Each reveal is
  // announced, and revealing all moves focus to the options.
  const classroom = document.querySelector('[data-classroom]')
  if (classroom) {
    const status = document.getElementById('reveal-status')
    const answers = document.getElementById('answers')
    const revealAll = classroom.querySelector('[data-reveal-all]')
    const reveals = [...classroom.querySelectorAll('details[data-option]')]
    const say = (text) => {
      if (status) status.textContent = text
    }
    const verdict = (d) =>
      `${d.dataset.option}: ${d.querySelector('.verdict')?.textContent.trim() ?? ''}`
    for (const d of reveals)
      d.addEventListener('toggle', () => {
        if (d.open && !bulk) say(verdict(d))
        if (revealAll)
          revealAll.textContent = reveals.every((r) => r.open) ? 'Hide answers' : 'Reveal all'
      })
    // Toggle events arrive after the change; while all change at once, only the summary is said.
    let bulk = false
    const toggleAll = () => {
      const open = !reveals.every((r) => r.open)
      bulk = true
      for (const d of reveals) d.open = open
      say(
        open
          ? `All revealed. The answer is ${revealAll?.dataset.answer ?? ''}.`
          : 'Answers hidden.',
      )
      setTimeout(() => {
        bulk = false
      }, 50)
      if (open) answers?.focus()
    }
    revealAll?.addEventListener('click', (event) => {
      event.preventDefault()
      toggleAll()
    })
    const go = (selector) => {
      const link = classroom.querySelector(selector)
      if (link) location.href = link.href
    }
    document.addEventListener('keydown', (event) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)
        return
      if (
        event.target instanceof HTMLSelectElement ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey
      )
        return
      const key = event.key.length === 1 ? event.key.toUpperCase() : event.key
      const one = reveals.find((d) => d.dataset.option === key)
      if (one) {
        one.open = !one.open
        if (one.open) one.closest('li')?.scrollIntoView({ block: 'nearest' })
      } else if (key === 'R') toggleAll()
      else if (key === 'N' || key === 'ArrowRight') go('[data-next]')
      else if (key === 'P' || key === 'ArrowLeft') go('[data-previous]')
      else if (key === 'Escape') go('[data-exit]')
    })
  }

  // "Add to my list" without leaving the page: in the account when signed in (the same API the
  // form's page uses), otherwise in this browser's localStorage.
  const signedIn = document.body.dataset.signedIn === 'true'
  const STORE = 'misconception-bank:list'
  const readLocal = () => {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) ?? 'null')
      return {
        name: typeof saved?.name === 'string' ? saved.name : '',
        items: Array.isArray(saved?.items) ? saved.items.filter((i) => typeof i === 'string') : [],
      }
    } catch {
      return { name: '', items: [] }
    }
  }
  const writeLocal = (list) => localStorage.setItem(STORE, JSON.stringify(list))
  const localQuery = (list) => new URLSearchParams({ items: list.items.join(','), name: list.name })
  const onListLink = (itemId) => {
    const a = document.createElement('a')
    a.className = 'button secondary add-to-list'
    a.href = signedIn ? '/list' : `/list?${localQuery(readLocal())}`
    a.dataset.onList = itemId
    a.textContent = 'On my list ✓'
    return a
  }
  let announcer
  const announce = (text) => {
    if (!announcer) {
      announcer = document.createElement('p')
      announcer.className = 'visually-hidden'
      announcer.setAttribute('role', 'status')
      document.body.append(announcer)
    }
    announcer.textContent = text
  }
  if (!signedIn) {
    const mine = new Set(readLocal().items)
    for (const form of document.querySelectorAll('form[data-add-to-list]')) {
      const id = form.querySelector('input[name=itemId]')?.value
      if (id && mine.has(id)) form.replaceWith(onListLink(id))
    }
  }
  document.addEventListener('submit', async (event) => {
    const form = event.target
    if (!(form instanceof HTMLFormElement) || !form.matches('[data-add-to-list]')) return
    const itemId = form.querySelector('input[name=itemId]')?.value
    if (!itemId) return
    event.preventDefault()
    if (signedIn) {
      const res = await fetch(`/api/me/list/items/${encodeURIComponent(itemId)}`, { method: 'PUT' })
      if (!res.ok) {
        const body = await res.json().catch(() => ({}))
        announce(body.detail ?? 'Could not add it to your list.')
        return
      }
    } else {
      const list = readLocal()
      if (!list.items.includes(itemId)) {
        if (list.items.length >= 50) return announce('Your list is full: it holds at most 50.')
        list.items.push(itemId)
      }
      writeLocal(list)
    }
    const link = onListLink(itemId)
    form.replaceWith(link)
    link.focus()
    announce('Added to your list.')
  })

  // The list page: a visitor's list is in the URL and kept in localStorage; a signed-in teacher's
  // is in the account, and anything kept in this browser before signing in is added to it once.
  const listPage = document.getElementById('list-page')
  if (listPage) {
    const params = new URLSearchParams(location.search)
    if (listPage.dataset.store === 'browser') {
      const fromUrl = params.has('items')
      const local = readLocal()
      if (fromUrl) {
        const items = (listPage.dataset.items ?? '').split(',').filter(Boolean)
        writeLocal({ items, name: listPage.dataset.name ?? '' })
      } else if (local.items.length > 0) location.replace(`/list?${localQuery(local)}`)
    } else {
      const local = readLocal()
      const have = new Set((listPage.dataset.items ?? '').split(',').filter(Boolean))
      const missing = local.items.filter((id) => !have.has(id))
      if (local.items.length > 0) {
        ;(async () => {
          for (const id of missing)
            await fetch(`/api/me/list/items/${encodeURIComponent(id)}`, { method: 'PUT' })
          localStorage.removeItem(STORE)
          if (missing.length > 0) location.reload()
        })()
      }
    }
  }

  // Copy buttons (invite links): the field stays selectable for browsers without the clipboard.
  for (const button of document.querySelectorAll('button[data-copy]'))
    button.addEventListener('click', async () => {
      const field = document.getElementById(button.dataset.copy)
      if (!field) return
      field.select()
      try {
        await navigator.clipboard.writeText(field.value)
        button.textContent = 'Copied ✓'
      } catch {
        button.textContent = 'Press Ctrl+C to copy'
      }
    })

  for (const button of document.querySelectorAll('[data-print]'))
    button.addEventListener('click', () => window.print())

  // Search results as you type, from the same API the page is rendered from.
  const results = document.getElementById('results')
  const input = document.getElementById('site-search')
  if (results && input) {
    const count = document.getElementById('result-count')
    let timer
    let latest = 0
    input.addEventListener('input', () => {
      clearTimeout(timer)
      timer = setTimeout(async () => {
        const params = new URLSearchParams(location.search)
        params.set('q', input.value)
        params.delete('from')
        const ticket = ++latest
        const res = await fetch(
          `/api/search?${new URLSearchParams({ q: input.value.slice(0, 500), limit: '20', ...filtersFrom(params) })}`,
        )
        if (!res.ok || ticket !== latest) return
        const body = await res.json()
        history.replaceState(null, '', `/search?${params}`)
        if (count) count.textContent = `${body.total} ${body.total === 1 ? 'result' : 'results'}`
        results.replaceChildren(...body.data.map(renderHit))
      }, 150)
    })
  }

  // Replying without a reload: the same post goes to the API, and the rendered post (sanitized
  // on the server when it was written) is added to the thread.
  const reply = document.querySelector('form[data-thread]')
  if (reply) {
    reply.addEventListener('submit', async (event) => {
      const data = new FormData(reply)
      // Posts with counts go as a plain form post, so the page can draw their chart.
      if (data.get('pupilsAsked') || data.get('tallyId')) return
      event.preventDefault()
      const payload = { kind: data.get('kind'), body: data.get('body') }
      if (data.get('parentId')) payload.parentId = data.get('parentId')
      const res = await fetch(`/api/threads/${reply.dataset.thread}/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      })
      const body = await res.json()
      let alert = reply.querySelector('[role=alert]')
      if (!res.ok) {
        if (!alert) {
          alert = document.createElement('p')
          alert.setAttribute('role', 'alert')
          alert.className = 'error'
          reply.querySelector('h2').after(alert)
        }
        alert.textContent =
          (body.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ') || body.detail
        return
      }
      alert?.remove()
      const article = document.createElement('article')
      article.className = 'post'
      article.id = `post-${body.id}`
      const meta = document.createElement('p')
      meta.className = 'meta'
      meta.textContent = `${reply.querySelector('select[name=kind] option:checked').textContent} · ${body.author.displayName} · just now`
      const content = document.createElement('div')
      content.innerHTML = body.body.html
      article.append(meta, content)
      reply.before(article)
      reply.reset()
      history.replaceState(null, '', `#post-${body.id}`)
    })
  }

  // Proposing an annotation: the misconception field's list is filled from the misconception
  // search as the teacher types (the topic's list, in the page, works without this).
  for (const field of document.querySelectorAll('input[data-misconception-search]')) {
    const list = document.getElementById(field.dataset.misconceptionSearch)
    if (!list) continue
    let timer
    let latest = 0
    field.addEventListener('input', () => {
      clearTimeout(timer)
      const q = field.value.trim()
      if (q.length < 2) return
      timer = setTimeout(async () => {
        const ticket = ++latest
        const res = await fetch(
          `/api/search?${new URLSearchParams({ q: q.slice(0, 500), kind: 'misconception', limit: '10' })}`,
        )
        if (!res.ok || ticket !== latest) return
        const body = await res.json()
        // A slug already picked from the list stays put; otherwise the list follows the search.
        if (body.data.some((hit) => hit.ref === field.value)) return
        list.replaceChildren(
          ...body.data.map((hit) => {
            const option = document.createElement('option')
            option.value = hit.ref
            option.textContent = hit.title
            return option
          }),
        )
      }, 150)
    })
  }

  // A link to one annotation opens the list it is in.
  const target =
    location.hash.startsWith('#annotation-') && document.getElementById(location.hash.slice(1))
  const list = target && target.closest('details')
  if (list && !list.open) {
    list.open = true
    target.scrollIntoView()
  }

  // Existing misconception or a new draft: show the fields of the one chosen.
  for (const group of document.querySelectorAll('[data-misconception-source]')) {
    const show = () => {
      const chosen = group.querySelector('input[name=source]:checked')?.value ?? 'existing'
      for (const part of group.querySelectorAll('[data-source]'))
        part.hidden = part.dataset.source !== chosen
    }
    group.addEventListener('change', show)
    show()
  }

  function filtersFrom(params) {
    const out = {}
    for (const key of ['kind', 'strand', 'topic', 'year', 'misconception'])
      if (params.get(key)) out[key] = params.get(key)
    return out
  }

  // titleHtml and snippetHtml come from the API already HTML-escaped, with only <mark> added.
  function renderHit(hit) {
    const li = document.createElement('li')
    li.className = 'card'
    const href =
      hit.kind === 'item'
        ? `/items/${encodeURIComponent(hit.ref)}`
        : `/misconceptions/${encodeURIComponent(hit.ref)}`
    li.innerHTML = `<span class="kind muted">${hit.kind === 'item' ? 'Item' : 'Misconception'}</span><h2 style="margin:0.2rem 0"><a href="${href}">${hit.titleHtml}</a></h2><p>${hit.snippetHtml}</p>`
    return li
  }
})()
