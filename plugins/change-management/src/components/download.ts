import { Attachment } from '../api';

/** Hands a file to the browser as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    URL.revokeObjectURL(url);
  }
}

/**
 * Hands a file the server sent to the browser under the name the server
 * gave it; `fallbackName` only when its response named none.
 */
export function downloadAttachment(file: Attachment, fallbackName: string) {
  downloadBlob(file.blob, file.fileName ?? fallbackName);
}
