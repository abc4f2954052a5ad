/**
 * Subresource-Integrity checks of bytes the host fetched itself (the manifest, and files whose
 * failure must be told apart from a network error), with WebCrypto.
 */

function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `sha384-<base64>` of the bytes, as in `integrity` attributes and `phase.json`. */
export async function sha384(bytes: ArrayBuffer): Promise<string> {
  return `sha384-${toBase64(await crypto.subtle.digest('SHA-384', bytes))}`;
}

/** Whether WebCrypto can hash here (it needs a secure context: https or localhost). */
export function canHash(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle?.digest === 'function';
}
