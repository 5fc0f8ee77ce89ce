/**
 * A QTI 3.0 content package: a zip (fflate: pure JS, so it runs in a Worker) holding
 * `imsmanifest.xml` with one `imsqti_item_xmlv3p0` resource per item, and per item
 * `items/<id>.xml`, a `qti-assessment-item` with a choice interaction, inline feedback on every
 * choice (its explanation and misconceptions) and response processing that sets SCORE and
 * FEEDBACK. Maths is MathML (KaTeX's MathML output); a diagram is `items/<id>.svg`, shown by an
 * `<img>` and listed in the resource's files, as is every other image an item shows
 * (`items/media/<key>`). A set also gets a `qti-assessment-test` (`tests/test.xml`) that takes its
 * items in the set's order and sums their SCORE. Titles are plain text; the set's note for the
 * teacher is a `qti-rubric-block` for the tutor view; scoring is scoring.ts (multiple answers by
 * a `qti-mapping`). With `shuffle`, the choices are shuffled by the delivery system and each
 * shows our letter, so the key and the feedback still name the right options.
 *
 * The XML is written from templates rather than a builder because the item body is XHTML mixed
 * content (paragraphs, MathML) that a JSON-shaped builder cannot interleave; every text and
 * attribute goes through escapeXml or markdown-it (which escapes), and the tests parse every file.
 */
import { strToU8, type ZipOptions, zipSync } from 'fflate'
import { mediaKeysIn } from './media.ts'
import { optionWeights, qtiWeight } from './scoring.ts'
import { escapeMarkdownText, escapeXml, markdownToHtml, plainTitle } from './text.ts'
import {
  type ExportBundle,
  type ExportItem,
  type ExportOptions,
  isMultipleAnswer,
} from './types.ts'

const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0'
const QTI_SCHEMA = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd'
const CP_NS = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1'
const CP_SCHEMA =
  'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd'

// QTI identifiers are NCNames: they may not start with a digit or hyphen, which a slug may.
export const qtiIdentifier = (id: string): string => (/^[A-Za-z_]/.test(id) ? id : `item-${id}`)
const itemPath = (item: ExportItem) => `items/${item.id}.xml`
const diagramPath = (item: ExportItem) => `items/${item.id}.svg`

const TEST_PATH = 'tests/test.xml'
const mediaPath = (key: string) => `items/media/${key}`

/** Images an item shows (its stem, options and explanations), as package paths. */
const itemMedia = (item: ExportItem, available: Set<string>) =>
  [
    ...new Set(
      [item.stem, ...item.options.flatMap((o) => [o.text, o.explanation])].flatMap(mediaKeysIn),
    ),
  ]
    .filter((key) => available.has(key))
    .map(mediaPath)

/** One item as a `qti-assessment-item` document. */
export function qtiItem(
  item: ExportItem,
  options: ExportOptions = {},
  available: Set<string> = new Set(),
): string {
  // Images in the package sit beside the items, in media/; one we do not have keeps its address.
  const xhtml = (source: string, inline = false) =>
    markdownToHtml(source, {
      math: 'mathml',
      inline,
      mediaSrc: (key) => (available.has(key) ? `media/${key}` : `/api/media/${key}`),
    })
  const correct = item.options.filter((o) => o.correct).map((o) => o.label)
  const multiple = isMultipleAnswer(item)
  const cardinality = multiple ? 'multiple' : 'single'
  const weights = optionWeights(item)
  const mapping = multiple
    ? `
    <qti-mapping lower-bound="0" upper-bound="1" default-value="0">
${item.options.map((o, i) => `      <qti-map-entry map-key="${o.label}" mapped-value="${qtiWeight(weights[i] ?? 0)}"/>`).join('\n')}
    </qti-mapping>`
    : ''
  const choices = item.options
    .map((o) => {
      const names = o.misconceptions.map((m) => escapeXml(m.title))
      // Inline feedback must be inline content, so the explanation is rendered without <p>.
      const feedback =
        xhtml(o.explanation, true) +
        (names.length > 0
          ? ` <span class="misconception">(Misconception: ${names.join('; ')})</span>`
          : '')
      const letter = options.shuffle ? `<span class="letter">${o.label}.</span> ` : ''
      return `      <qti-simple-choice identifier="${o.label}">${letter}${xhtml(o.text, true)}<qti-feedback-inline outcome-identifier="FEEDBACK" identifier="${o.label}" show-hide="show">${feedback}</qti-feedback-inline></qti-simple-choice>`
    })
    .join('\n')
  // For the tutor view only: a candidate never sees the teacher's note.
  const note = item.note?.trim()
    ? `
    <qti-rubric-block use="instructions" view="tutor">
      <qti-content-body>${xhtml(`Note for the teacher: ${escapeMarkdownText(item.note.trim())}`)}</qti-content-body>
    </qti-rubric-block>`
    : ''
  const diagram = item.diagramSvg
    ? `\n    <p><img src="${escapeXml(diagramPath(item).slice('items/'.length))}" alt="Diagram" /></p>`
    : ''
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="${QTI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QTI_NS} ${QTI_SCHEMA}" identifier="${escapeXml(qtiIdentifier(item.id))}" title="${escapeXml(plainTitle(item.construct))}" adaptive="false" time-dependent="false" xml:lang="en-GB">
  <qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="identifier">
    <qti-correct-response>
${correct.map((c) => `      <qti-value>${c}</qti-value>`).join('\n')}
    </qti-correct-response>${mapping}
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float">
    <qti-default-value>
      <qti-value>0</qti-value>
    </qti-default-value>
  </qti-outcome-declaration>
  <qti-outcome-declaration identifier="FEEDBACK" cardinality="${cardinality}" base-type="identifier"/>
  <qti-item-body>${note}${diagram}
    <div class="stem">${xhtml(item.stem)}</div>
    <qti-choice-interaction response-identifier="RESPONSE" shuffle="${options.shuffle ? 'true' : 'false'}" max-choices="${multiple ? 0 : 1}" class="${options.shuffle ? 'qti-labels-none' : 'qti-labels-upper-alpha'}">
${choices}
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing>
    <qti-response-condition>
      <qti-response-if>
        <qti-match>
          <qti-variable identifier="RESPONSE"/>
          <qti-correct identifier="RESPONSE"/>
        </qti-match>
        <qti-set-outcome-value identifier="SCORE">
          <qti-base-value base-type="float">1</qti-base-value>
        </qti-set-outcome-value>
      </qti-response-if>
      <qti-response-else>
        <qti-set-outcome-value identifier="SCORE">
          ${multiple ? '<qti-map-response identifier="RESPONSE"/>' : '<qti-base-value base-type="float">0</qti-base-value>'}
        </qti-set-outcome-value>
      </qti-response-else>
    </qti-response-condition>
    <qti-set-outcome-value identifier="FEEDBACK">
      <qti-variable identifier="RESPONSE"/>
    </qti-set-outcome-value>
  </qti-response-processing>
</qti-assessment-item>
`
}

/** The assessment test: one part, one section, the items in the bundle's order, SCORE summed. */
export function qtiTest(bundle: ExportBundle): string {
  const title = escapeXml(plainTitle(bundle.title ?? 'Misconception bank items'))
  const refs = bundle.items
    .map(
      (item) =>
        `        <qti-assessment-item-ref identifier="${escapeXml(qtiIdentifier(item.id))}" href="../${escapeXml(itemPath(item))}"/>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test xmlns="${QTI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QTI_NS} ${QTI_SCHEMA}" identifier="${escapeXml(manifestIdentifier(bundle).replace('MANIFEST', 'TEST'))}" title="${title}" xml:lang="en-GB">
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float">
    <qti-default-value>
      <qti-value>0</qti-value>
    </qti-default-value>
  </qti-outcome-declaration>
  <qti-test-part identifier="part-1" navigation-mode="linear" submission-mode="individual">
    <qti-assessment-section identifier="section-1" title="${title}" visible="true">
${refs}
    </qti-assessment-section>
  </qti-test-part>
  <qti-outcome-processing>
    <qti-set-outcome-value identifier="SCORE">
      <qti-sum>
        <qti-test-variables variable-identifier="SCORE"/>
      </qti-sum>
    </qti-set-outcome-value>
  </qti-outcome-processing>
</qti-assessment-test>
`
}

/**
 * The package manifest: the test, which depends on every item, then one resource per item,
 * listing its XML and the images it shows.
 */
export function qtiManifest(bundle: ExportBundle): string {
  const available = new Set((bundle.media ?? []).map((m) => m.key))
  const test = `    <resource identifier="res-test" type="imsqti_test_xmlv3p0" href="${TEST_PATH}">
      <file href="${TEST_PATH}"/>
${bundle.items.map((item) => `      <dependency identifierref="${escapeXml(`res-${item.id}`)}"/>`).join('\n')}
    </resource>`
  const resources = bundle.items
    .map((item) => {
      const files = [
        itemPath(item),
        ...(item.diagramSvg ? [diagramPath(item)] : []),
        ...itemMedia(item, available),
      ]
      return `    <resource identifier="${escapeXml(`res-${item.id}`)}" type="imsqti_item_xmlv3p0" href="${escapeXml(itemPath(item))}">
${files.map((f) => `      <file href="${escapeXml(f)}"/>`).join('\n')}
    </resource>`
    })
    .join('\n')
  const title = bundle.title
    ? `\n    <lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><title><string>${escapeXml(plainTitle(bundle.title))}</string></title></general></lom>`
    : ''
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="${CP_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${CP_NS} ${CP_SCHEMA}" identifier="${escapeXml(manifestIdentifier(bundle))}">
  <metadata>
    <schema>QTI Package</schema>
    <schemaversion>3.0.0</schemaversion>${title}
  </metadata>
  <organizations/>
  <resources>
${test}
${resources}
  </resources>
</manifest>
`
}

// Stable for the same items (a hash of their ids), so exporting twice gives the same package.
function manifestIdentifier(bundle: ExportBundle): string {
  let hash = 0x811c9dc5
  for (const char of bundle.items.map((i) => i.id).join('\n')) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0
  }
  return `MANIFEST-${hash.toString(16).padStart(8, '0')}`
}

// A fixed date in every entry, so the same bundle always zips to the same bytes (cacheable, and
// a re-export of an unchanged set is byte-identical).
const MTIME = new Date('2000-01-01T00:00:00Z')

export async function exportQtiPackage(
  bundle: ExportBundle,
  options: ExportOptions = {},
): Promise<Uint8Array> {
  const available = new Set((bundle.media ?? []).map((m) => m.key))
  const files: Record<string, [Uint8Array, ZipOptions]> = {
    'imsmanifest.xml': [strToU8(qtiManifest(bundle)), { mtime: MTIME }],
    [TEST_PATH]: [strToU8(qtiTest(bundle)), { mtime: MTIME }],
  }
  for (const item of bundle.items) {
    files[itemPath(item)] = [strToU8(qtiItem(item, options, available)), { mtime: MTIME }]
    if (item.diagramSvg) files[diagramPath(item)] = [strToU8(item.diagramSvg), { mtime: MTIME }]
  }
  for (const file of bundle.media ?? []) {
    // Already compressed (PNG, JPEG…) or tiny: stored rather than deflated again.
    files[mediaPath(file.key)] = [file.bytes, { mtime: MTIME, level: 0 }]
  }
  // zipSync: fflate's async zip looks for Web Workers, which a Worker isolate does not have.
  return zipSync(files, { level: 6 })
}
