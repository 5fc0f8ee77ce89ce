/**
 * `GET /api/media/{key}`: an image an item shows, from the MEDIA bucket. Keys are hashes of the
 * bytes, so a response never changes and caches may keep it for a year. SVG is served with a CSP
 * that runs nothing, on top of the sanitizer it went through when it was imported.
 */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './media.handlers.ts'
import * as routes from './media.routes.ts'

export const mediaRouter = createRouter().openapi(routes.getMediaRoute, handlers.getMedia)
