// Live sessions, progressively: every control is a plain form that works without this file.
// With it, pupils vote over a WebSocket and follow the teacher; the teacher's count updates as
// votes arrive, and falls back to polling the API when the socket drops.
;(() => {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'

  /** A socket that reconnects with backoff; `onDown` runs while it is not connected. */
  function connect(path, onMessage, onUp, onDown) {
    let delay = 500
    let socket
    const open = () => {
      socket = new WebSocket(`${scheme}//${location.host}${path}`)
      socket.addEventListener('open', () => {
        delay = 500
        onUp()
      })
      socket.addEventListener('message', (event) => onMessage(JSON.parse(event.data)))
      socket.addEventListener('close', () => {
        onDown()
        setTimeout(open, delay)
        delay = Math.min(delay * 2, 10_000)
      })
    }
    open()
    return () => socket
  }

  const pupil = document.getElementById('live-pupil')
  if (pupil) {
    const code = pupil.dataset.code
    const position = Number(pupil.dataset.position)
    const status = document.getElementById('live-status')
    const socket = connect(
      `/api/live/${code}/socket`,
      (message) => {
        if (message.type === 'question' || message.type === 'ended') location.reload()
        else if (message.type === 'state' && message.position !== position) location.reload()
        else if (message.type === 'revealed') {
          for (const b of pupil.querySelectorAll('button.vote')) b.disabled = true
          if (status)
            status.textContent = 'Voting on this question has closed. Wait for the next one.'
        } else if (message.type === 'voted') {
          for (const b of pupil.querySelectorAll('button.vote'))
            b.setAttribute('aria-pressed', String(b.value === message.label))
          if (status)
            status.textContent = `Your answer: ${message.label}. You can change it until your teacher reveals the answers.`
        } else if (message.type === 'error' && status) status.textContent = message.detail
      },
      () => {},
      () => {},
    )
    const form = pupil.querySelector('form.vote-form')
    form?.addEventListener('submit', (event) => {
      const ws = socket()
      const label = event.submitter?.value
      // No open socket: let the form post as it would without JavaScript.
      if (!ws || ws.readyState !== WebSocket.OPEN || !label) return
      event.preventDefault()
      ws.send(JSON.stringify({ type: 'vote', label, position }))
    })
  }

  const teacher = document.getElementById('live-teacher')
  if (teacher && teacher.dataset.ended !== 'true') {
    const id = teacher.dataset.session
    const position = Number(teacher.dataset.position)
    const revealed = teacher.dataset.revealed === 'true'
    const count = document.getElementById('live-count')
    const show = (answered, connected) => {
      if (count) count.textContent = `${answered} answered · ${connected} connected`
    }
    let poll
    connect(
      `/api/live-sessions/${id}/socket`,
      (message) => {
        if (message.type === 'answered' && message.position === position)
          show(message.answered, message.connected)
        else if (message.type === 'state') {
          if (message.position !== position || message.revealed !== revealed) location.reload()
          else show(message.answered, message.connected)
        } else if (message.type === 'revealed' || message.type === 'question') location.reload()
      },
      () => clearInterval(poll),
      () => {
        // Polling fallback while the socket is down.
        clearInterval(poll)
        poll = setInterval(async () => {
          const res = await fetch(`/api/live-sessions/${id}`)
          if (!res.ok) return
          const { state } = await res.json()
          if (state.position !== position || state.revealed !== revealed || state.ended)
            location.reload()
          else show(state.answered, state.connected)
        }, 2000)
      },
    )
    document.addEventListener('keydown', (event) => {
      if (event.target instanceof HTMLInputElement) return
      const press = (name) => teacher.querySelector(`[data-live="${name}"]`)?.click()
      if (event.key === 'r' || event.key === 'R') press('reveal')
      else if (event.key === 'n' || event.key === 'N' || event.key === 'ArrowRight') press('next')
      else if (event.key === 'p' || event.key === 'P' || event.key === 'ArrowLeft')
        press('previous')
    })
  }
})()
