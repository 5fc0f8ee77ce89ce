/**
 * Images items show, in the MEDIA R2 bucket under their content key (src/interchange/media.ts):
 * written by imports before the items that refer to them, read by the media route and by exports
 * that carry images inside their files.
 */
import type { MediaFile } from '../interchange/types.ts'

/** Store images; a key already there holds the same bytes (it is their hash), so it is skipped. */
export async function putMedia(bucket: R2Bucket, files: MediaFile[]): Promise<void> {
  for (const file of files) {
    if (await bucket.head(file.key)) continue
    await bucket.put(file.key, file.bytes, { httpMetadata: { contentType: file.contentType } })
  }
}

/** The images with these keys that the bucket has (missing ones are left out). */
export async function getMedia(bucket: R2Bucket, keys: string[]): Promise<MediaFile[]> {
  const out: MediaFile[] = []
  for (const key of [...new Set(keys)]) {
    const object = await bucket.get(key)
    if (!object) continue
    out.push({
      key,
      contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
      bytes: new Uint8Array(await object.arrayBuffer()),
    })
  }
  return out
}
