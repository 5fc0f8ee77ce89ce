// Progressive enhancement only: every page works without this file.
;(() => {
  // Classroom mode: R reveals, N or → goes to the next item, Esc exits.
  if (document.body.classList.contains('classroom')) {
    document.addEventListener('keydown', (event) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)
        return
      const reveal = document.getElementById('reveal')
      const next = document.querySelector('[data-next]')
      if (event.key === 'r' || event.key === 'R') reveal && (reveal.open = !reveal.open)
      else if ((event.key === 'n' || event.key === 'N' || event.key === 'ArrowRight') && next)
        location.href = next.href
      else if (event.key === 'Escape') location.href = location.pathname.replace(/\/classroom$/, '')
    })
  }

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
