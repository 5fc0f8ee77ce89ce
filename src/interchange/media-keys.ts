/**
 * How items refer to stored images: the key format and the paths in their Markdown. Kept apart
 * from media.ts, which sanitizes SVG with htmlparser2, so the main Worker (the media route, the
 * exports) can use the keys without bundling the parser that only the renderer Worker needs.
 */

/** Where the Worker serves stored images (src/media/media.index.ts). */
export const MEDIA_PATH = '/api/media/'

/** A key as MEDIA_PATH serves it: 32 hex digits of SHA-256 and the type's extension. */
export const MEDIA_KEY = /^[0-9a-f]{32}\.(?:png|jpg|gif|webp|svg)$/

/** Every media key an item's Markdown refers to, in order, once each. */
export function mediaKeysIn(markdown: string): string[] {
  const keys = [...markdown.matchAll(/\/api\/media\/([0-9a-f]{32}\.[a-z]+)/g)].map((m) => m[1]!)
  return [...new Set(keys)]
}
