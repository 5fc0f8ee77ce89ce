/**
 * `POST /api/hubs/{hubSlug}/import`: curators import a diagnostic-question CSV (with its
 * misconceptions CSV when it uses their ids), a Moodle XML file, a GIFT file or one of our JSON
 * exports. The same pipeline as `npm run import`: bad rows are skipped and reported by row
 * number, the good ones are written in one D1 batch (all or nothing) with a bump of the bank
 * version, so search sees them on the next request. Images the file carries go to the MEDIA
 * bucket first, so no item ever points at an image that is not there.
 *
 * A CSV may be sent as text or as its bytes in base64 (`questionsBase64`): only bytes let the
 * encoding be detected, since a client that decoded the file wrongly has already lost characters.
 */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './imports.handlers.ts'
import * as routes from './imports.routes.ts'

export const importsRouter = createRouter().openapi(routes.importRoute, handlers.importRoute)
