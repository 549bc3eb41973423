/**
 * A file the server sent as an attachment.
 *
 * @public
 */
export interface Attachment {
  blob: Blob;
  /** The name the server gave it; absent when its response named none. */
  fileName?: string;
}

/**
 * The file name a `Content-Disposition` header gives (RFC 6266): the
 * UTF-8 `filename*` when present, else the plain `filename`, quoted or not.
 */
export function fileNameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(
    header,
  );
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return name || undefined;
}

/** The body of a response, with the name the server gave it. */
export async function attachmentOf(response: Response): Promise<Attachment> {
  return {
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get('Content-Disposition')),
  };
}
