/**
 * Which encoding a text file from a spreadsheet is in, and its text. Excel writes four kinds:
 * "CSV UTF-8" (UTF-8 with a byte-order mark), plain "CSV" in the Windows code page (Windows-1252
 * in the UK and western Europe), "Unicode text" (UTF-16 little-endian with a BOM, tab-separated)
 * and, from other tools, UTF-8 without a BOM. Decoding is done here rather than by TextDecoder's
 * labels, which workerd does not all support, and never substitutes U+FFFD: a file that is not
 * valid UTF-8 is read as Windows-1252, in which every byte is a character.
 */

export type TextEncodingName =
  'UTF-8' | 'UTF-8 with BOM' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252' | 'text (already decoded)'

export interface DecodedText {
  text: string
  encoding: TextEncodingName
}

// Windows-1252's 0x80–0x9F (the rest of its range is Latin-1, i.e. the same code points).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
  0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
]

function windows1252(bytes: Uint8Array): string {
  const codes = new Array<number>(bytes.length)
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b
  }
  return fromCodes(codes)
}

function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  const codes = new Array<number>(bytes.length >> 1)
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    codes[i >> 1] = littleEndian
      ? bytes[i]! | (bytes[i + 1]! << 8)
      : (bytes[i]! << 8) | bytes[i + 1]!
  }
  return fromCodes(codes)
}

// String.fromCharCode takes arguments, so long files go in slices below engines' argument limits.
function fromCodes(codes: number[]): string {
  let out = ''
  for (let i = 0; i < codes.length; i += 0x8000) {
    out += String.fromCharCode(...codes.slice(i, i + 0x8000))
  }
  return out
}

/** UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte. */
function zeroBytes(bytes: Uint8Array): { even: number; odd: number } {
  let even = 0
  let odd = 0
  const n = Math.min(bytes.length, 4096)
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++
  return { even: even / (n / 2 || 1), odd: odd / (n / 2 || 1) }
}

/** Bytes of a text file → its text and the encoding it was in. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder().decode(bytes.subarray(3)), encoding: 'UTF-8 with BOM' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: utf16(bytes.subarray(2), true), encoding: 'UTF-16LE' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: utf16(bytes.subarray(2), false), encoding: 'UTF-16BE' }
  const zeros = zeroBytes(bytes)
  if (zeros.odd > 0.3 && zeros.even < 0.05)
    return { text: utf16(bytes, true), encoding: 'UTF-16LE' }
  if (zeros.even > 0.3 && zeros.odd < 0.05)
    return { text: utf16(bytes, false), encoding: 'UTF-16BE' }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'UTF-8',
    }
  } catch {
    return { text: windows1252(bytes), encoding: 'Windows-1252' }
  }
}

/** How many U+FFFD replacement characters a text holds: each is a character lost earlier. */
export const replacementCount = (text: string): number => text.split('\uFFFD').length - 1
