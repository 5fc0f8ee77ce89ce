/**
 * `POST /api/hubs/{hubSlug}/import`: curators import a diagnostic-question CSV pair, a Moodle XML
 * file or one of our JSON exports. The same pipeline as `npm run import`: bad rows are skipped
 * and reported by row number, the good ones are written in one D1 batch (all or nothing) with a
 * bump of the bank version, so search sees them on the next request.
 */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './imports.handlers.ts'
import * as routes from './imports.routes.ts'

export const importsRouter = createRouter().openapi(routes.importRoute, handlers.importRoute)
