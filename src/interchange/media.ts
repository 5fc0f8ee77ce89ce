/**
 * Images carried inside imported files (Moodle's base64 `<file>`s, data: URLs), and the way items
 * refer to them: `![alt](/api/media/<key>)` in their Markdown, where the key is a hash of the
 * bytes plus an extension, so the same picture imported twice is stored once and a re-import
 * changes nothing. Raster images are kept as they are (they go to the MEDIA R2 bucket); SVG goes
 * through the diagram sanitizer first, since it is markup a browser would run. The type is read
 * from the bytes, never from the file name.
 */
import { createHash } from 'node:crypto'
import { sanitizeSvg, SvgError } from '../lib/svg.ts'
import { MEDIA_KEY, MEDIA_PATH, mediaKeysIn } from './media-keys.ts'
import type { MediaFile } from './types.ts'

// The keys are in media-keys.ts (no sanitizer), for the main Worker's routes and exports.
export { MEDIA_KEY, MEDIA_PATH, mediaKeysIn }

/** Larger files are left out and reported: a classroom question needs no 5 MB photograph. */
export const MAX_MEDIA_BYTES = 2 * 1024 * 1024

const RASTER: { ext: string; type: string; magic: (b: Uint8Array) => boolean }[] = [
  {
    ext: 'png',
    type: 'image/png',
    magic: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  { ext: 'jpg', type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    ext: 'gif',
    type: 'image/gif',
    magic: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38,
  },
  {
    ext: 'webp',
    type: 'image/webp',
    magic: (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57,
  },
]

export function bytesFromBase64(base64: string): Uint8Array | null {
  try {
    const binary = atob(base64.replace(/\s+/g, ''))
    return Uint8Array.from(binary, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

export function base64FromBytes(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

const keyOf = (bytes: Uint8Array, ext: string) =>
  `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${ext}`

/** Sanitised SVG markup as the bytes we store. */
export function svgMedia(svg: string): MediaFile {
  const bytes = new TextEncoder().encode(sanitizeSvg(svg))
  return { key: keyOf(bytes, 'svg'), contentType: 'image/svg+xml', bytes }
}

/**
 * Bytes from a file → what we store, or why not. SVG is recognised by its markup and must pass
 * the sanitizer; anything else must be PNG, JPEG, GIF or WebP.
 */
export function keepMedia(bytes: Uint8Array): MediaFile | { refused: string } {
  if (bytes.length > MAX_MEDIA_BYTES)
    return { refused: `larger than ${MAX_MEDIA_BYTES / 1024 / 1024} MB` }
  const raster = RASTER.find((r) => r.magic(bytes))
  if (raster) return { key: keyOf(bytes, raster.ext), contentType: raster.type, bytes }
  const text = new TextDecoder().decode(bytes.subarray(0, 2048))
  if (/<svg[\s>]/i.test(text)) {
    try {
      return svgMedia(new TextDecoder().decode(bytes))
    } catch (error) {
      if (!(error instanceof SvgError)) throw error
      return { refused: `an SVG the diagram checks refuse (${error.message})` }
    }
  }
  return { refused: 'not a PNG, JPEG, GIF, WebP or SVG image' }
}

/** `![alt](/api/media/key)` in Markdown, the alt text escaped. */
export const mediaMarkdown = (key: string, alt: string): string =>
  `![${alt.replace(/[\\[\]]/g, (c) => `\\${c}`)}](${MEDIA_PATH}${key})`
