/**
 * A QTI 3.0 content package: a zip with `imsmanifest.xml` and one `qti-assessment-item` per item,
 * each a single-choice interaction with inline feedback per choice, maths as MathML.
 */
import { strToU8, zipSync } from 'fflate'
import { escapeXml, toXhtmlWithMathml } from './tex.ts'
import type { ExportBundle, ExportItem } from './types.ts'

const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0'

const choiceId = (label: string) => `choice${label}`
const fileName = (item: ExportItem) => `items/${item.id}.xml`

export function qtiItem(item: ExportItem): string {
  const correct = item.options.filter((o) => o.correct).map((o) => choiceId(o.label))
  const single = correct.length === 1
  const choices = item.options
    .map((o) => {
      const names = o.misconceptions.map((m) => m.title).join('; ')
      const feedback =
        toXhtmlWithMathml(o.explanation, true) +
        (names ? ` (Misconception: ${escapeXml(names)})` : '')
      return `      <qti-simple-choice identifier="${choiceId(o.label)}">${toXhtmlWithMathml(o.text, true)}<qti-feedback-inline outcome-identifier="FEEDBACK" identifier="${choiceId(o.label)}" show-hide="show">${feedback}</qti-feedback-inline></qti-simple-choice>`
    })
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="${QTI_NS}" identifier="${escapeXml(item.id)}" title="${escapeXml(item.construct)}" adaptive="false" time-dependent="false" xml:lang="en-GB">
  <qti-response-declaration identifier="RESPONSE" cardinality="${single ? 'single' : 'multiple'}" base-type="identifier">
    <qti-correct-response>${correct.map((c) => `<qti-value>${c}</qti-value>`).join('')}</qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>0</qti-value></qti-default-value></qti-outcome-declaration>
  <qti-outcome-declaration identifier="FEEDBACK" cardinality="single" base-type="identifier"/>
  <qti-item-body>
    <div class="stem">${toXhtmlWithMathml(item.stem)}</div>${item.diagramSvg ? `\n    <div class="diagram">${item.diagramSvg}</div>` : ''}
    <qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="${single ? 1 : 0}">
${choices}
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing>
    <qti-response-condition>
      <qti-response-if>
        <qti-match><qti-variable identifier="RESPONSE"/><qti-correct identifier="RESPONSE"/></qti-match>
        <qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">1</qti-base-value></qti-set-outcome-value>
      </qti-response-if>
    </qti-response-condition>
    <qti-set-outcome-value identifier="FEEDBACK"><qti-variable identifier="RESPONSE"/></qti-set-outcome-value>
  </qti-response-processing>
</qti-assessment-item>
`
}

export function qtiManifest(bundle: ExportBundle): string {
  const resources = bundle.items
    .map(
      (item) =>
        `    <resource identifier="res-${escapeXml(item.id)}" type="imsqti_item_xmlv3p0" href="${fileName(item)}"><file href="${fileName(item)}"/></resource>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="misconception-bank-export">
  <metadata><schema>QTI Package</schema><schemaversion>3.0.0</schemaversion></metadata>
  <organizations/>
  <resources>
${resources}
  </resources>
</manifest>
`
}

export function exportQtiPackage(bundle: ExportBundle): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = { 'imsmanifest.xml': strToU8(qtiManifest(bundle)) }
  for (const item of bundle.items) files[fileName(item)] = strToU8(qtiItem(item))
  // zipSync: fflate's async zip would look for Web Workers, which a Worker isolate does not have.
  return Promise.resolve(zipSync(files))
}
