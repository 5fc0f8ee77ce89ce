/**
 * The renderer Worker's entry (src/renderer/wrangler.toml): everything that runs only when
 * content is written or files are converted, so the main Worker does not bundle KaTeX,
 * markdown-it, the SVG sanitizer, the import parsers or the export builders. It is reached only
 * through the main Worker's RENDERER service binding (the `Renderer` entrypoint).
 */
export { Renderer } from './renderer-entrypoint.ts'

export default {
  fetch: () => new Response('The renderer answers RPC calls only', { status: 404 }),
} satisfies ExportedHandler
