/** Escaping text for HTML, for the few places that build HTML as strings (snippets, excerpts). */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
