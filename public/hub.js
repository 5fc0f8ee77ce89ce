// Hub curation pages, progressive enhancement only: every form works without this file.
;(() => {
  // The authoring preview: the server renders it (the same KaTeX and SVG rules as on save) a
  // moment after the curator stops typing, and it replaces the preview in place.
  const form = document.querySelector('form[data-preview]')
  const preview = document.getElementById('preview')
  const status = document.getElementById('preview-status')
  if (form && preview) {
    let timer
    let latest = 0
    const refresh = async () => {
      const ticket = ++latest
      const res = await fetch(form.dataset.preview, { method: 'POST', body: new FormData(form) })
      if (!res.ok || ticket !== latest) return
      const html = await res.text()
      const current = document.getElementById('preview')
      const next = new DOMParser().parseFromString(html, 'text/html').getElementById('preview')
      if (current && next) current.replaceWith(next)
      if (status) status.textContent = 'Preview updated'
    }
    form.addEventListener('input', () => {
      clearTimeout(timer)
      timer = setTimeout(refresh, 500)
    })
  }

  // The set builder: drag an item to reorder it; the positions are renumbered so a plain "Save"
  // sends the new order. The Up and Down buttons do the same from the keyboard, without this.
  const list = document.querySelector('[data-set-entries]')
  if (list) {
    let dragged = null
    const renumber = () => {
      list.querySelectorAll('.set-entry').forEach((entry, n) => {
        entry.querySelector('input[name$=".position"]').value = String(n + 1)
        entry.querySelector('.position').textContent = `${n + 1}.`
      })
    }
    for (const entry of list.querySelectorAll('.set-entry')) {
      entry.draggable = true
      entry.addEventListener('dragstart', () => {
        dragged = entry
        entry.classList.add('dragging')
      })
      entry.addEventListener('dragend', () => {
        entry.classList.remove('dragging')
        dragged = null
        renumber()
      })
      entry.addEventListener('dragover', (event) => {
        if (!dragged || dragged === entry) return
        event.preventDefault()
        const box = entry.getBoundingClientRect()
        entry[event.clientY < box.top + box.height / 2 ? 'before' : 'after'](dragged)
      })
    }
  }
})()
