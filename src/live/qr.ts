/** The join QR code, drawn on the server as SVG by uqr (pure JavaScript; runs in workerd). */
import { renderSVG } from 'uqr'

/** An SVG QR code for a URL, with a title so screen readers say what it is. */
export function joinQrSvg(url: string): string {
  const svg = renderSVG(url, { ecc: 'M', border: 2, pixelSize: 8 })
  return svg.replace(
    /^<svg([^>]*)>/,
    `<svg$1 role="img" aria-label="QR code to join"><title>QR code for ${url.replace(/[<>&"]/g, '')}</title>`,
  )
}
