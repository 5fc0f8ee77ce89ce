/**
 * The index's arrays (index-data.ts) ↔ one compact byte string, so an index built once when the
 * bank changes can be stored in D1 and loaded by every isolate instead of being rebuilt.
 *
 * Layout: a magic word and format number, a JSON header holding every string (refs, slugs,
 * terms, surface forms), then each typed array, 4-byte aligned so loading makes views onto the
 * bytes rather than copies. Document ids in postings are stored as varint gaps (most are small),
 * the one array that is decoded rather than viewed.
 */
import type { IndexData } from './index-data.ts'

const MAGIC = 0x4d425349 // "MBSI"
/** Bump when the layout or the meaning of a weight changes: stored indexes of other formats are rebuilt. */
export const INDEX_FORMAT = 2

type ArrayKey = {
  [K in keyof IndexData]: IndexData[K] extends Uint8Array | Uint16Array | Uint32Array ? K : never
}[keyof IndexData]

// Every typed array but postDocs, in the order they are written.
const ARRAYS: ArrayKey[] = [
  'kinds',
  'strands',
  'topics',
  'years',
  'mcStart',
  'mcCodes',
  'titleStart',
  'titleTerms',
  'browse',
  'df',
  'postStart',
  'postWeights',
  'groupStart',
  'groupIds',
  'groupWeights',
  'surfaceTerm',
  'surfaceCount',
]

interface Header {
  version: string
  refs: string[]
  strandSlugs: string[]
  topicSlugs: string[]
  misconceptionSlugs: string[]
  terms: string[]
  surfaces: string[]
}

export function encodeIndex(data: IndexData): Uint8Array {
  const header: Header = {
    version: data.version,
    refs: data.refs,
    strandSlugs: data.strandSlugs,
    topicSlugs: data.topicSlugs,
    misconceptionSlugs: data.misconceptionSlugs,
    terms: data.terms,
    surfaces: data.surfaces,
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  const gaps = encodeGaps(data.postStart, data.postDocs)
  const parts: Uint8Array[] = []
  let size = 0
  const push = (bytes: Uint8Array) => {
    parts.push(bytes)
    size += bytes.length
    const pad = (4 - (size % 4)) % 4
    if (pad > 0) {
      parts.push(new Uint8Array(pad))
      size += pad
    }
  }
  const u32 = (...values: number[]) => new Uint8Array(Uint32Array.from(values).buffer)
  push(u32(MAGIC, INDEX_FORMAT, headerBytes.length))
  push(headerBytes)
  for (const key of ARRAYS) {
    const array = data[key]
    push(u32(array.length))
    push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
  }
  push(u32(gaps.length))
  push(gaps)
  const out = new Uint8Array(size)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** The arrays back from `encodeIndex`'s bytes; null for bytes of another format. */
export function decodeIndex(bytes: Uint8Array): IndexData | null {
  // Views need an aligned start; bytes read from D1 may sit anywhere in their buffer.
  const buffer = (bytes.byteOffset % 4 === 0 ? bytes : bytes.slice()) as Uint8Array<ArrayBuffer>
  let offset = buffer.byteOffset
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  const readU32 = () => {
    const value = view.getUint32(offset - buffer.byteOffset, true)
    offset += 4
    return value
  }
  const align = () => (offset += (4 - ((offset - buffer.byteOffset) % 4)) % 4)
  if (buffer.byteLength < 12 || readU32() !== MAGIC || readU32() !== INDEX_FORMAT) return null
  const headerLength = readU32()
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer.buffer, offset, headerLength)),
  ) as Header
  offset += headerLength
  align()
  const arrays: Record<string, Uint8Array | Uint16Array | Uint32Array> = {}
  for (const key of ARRAYS) {
    const length = readU32()
    const kind = TYPES[key]
    arrays[key] = new kind(buffer.buffer, offset, length)
    offset += length * kind.BYTES_PER_ELEMENT
    align()
  }
  const gapsLength = readU32()
  const postStart = arrays.postStart as Uint32Array
  const postDocs = decodeGaps(postStart, new Uint8Array(buffer.buffer, offset, gapsLength))
  return { ...header, ...(arrays as Pick<IndexData, ArrayKey>), postDocs }
}

const TYPES: Record<ArrayKey, typeof Uint8Array | typeof Uint16Array | typeof Uint32Array> = {
  kinds: Uint8Array,
  strands: Uint8Array,
  topics: Uint16Array,
  years: Uint32Array,
  mcStart: Uint32Array,
  mcCodes: Uint32Array,
  titleStart: Uint32Array,
  titleTerms: Uint32Array,
  browse: Uint32Array,
  df: Uint32Array,
  postStart: Uint32Array,
  postDocs: Uint32Array,
  postWeights: Uint16Array,
  groupStart: Uint32Array,
  groupIds: Uint32Array,
  groupWeights: Uint16Array,
  surfaceTerm: Uint32Array,
  surfaceCount: Uint32Array,
}

/** Each term's ascending document ids as varint gaps from the previous id (the first from 0). */
function encodeGaps(start: Uint32Array, docs: Uint32Array): Uint8Array {
  let out = new Uint8Array(docs.length * 2 + 16)
  let length = 0
  for (let t = 0; t + 1 < start.length; t++) {
    let previous = 0
    for (let p = start[t]!; p < start[t + 1]!; p++) {
      let gap = docs[p]! - previous
      previous = docs[p]!
      if (length + 5 > out.length) {
        const grown = new Uint8Array(out.length * 2)
        grown.set(out)
        out = grown
      }
      while (gap >= 0x80) {
        out[length++] = (gap & 0x7f) | 0x80
        gap >>>= 7
      }
      out[length++] = gap
    }
  }
  return out.subarray(0, length)
}

function decodeGaps(start: Uint32Array, bytes: Uint8Array): Uint32Array {
  const docs = new Uint32Array(start[start.length - 1] ?? 0)
  let i = 0
  for (let t = 0; t + 1 < start.length; t++) {
    let previous = 0
    for (let p = start[t]!; p < start[t + 1]!; p++) {
      let gap = 0
      let shift = 0
      let byte: number
      do {
        byte = bytes[i++]!
        gap |= (byte & 0x7f) << shift
        shift += 7
      } while (byte & 0x80)
      previous += gap
      docs[p] = previous
    }
  }
  return docs
}
