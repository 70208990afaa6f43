/**
 * What a 解约函 is, by its first bytes — never by its file name or the Content-Type the browser
 * sent: a PDF (`%PDF-`, ISO 32000-1 §7.5.2), a PNG (its 8-byte signature, RFC 2083 §3.1) or a JPEG
 * (SOI marker FF D8 then a marker FF, ITU T.81 Annex B). Anything else is refused. (The `file-type`
 * package does this for hundreds of formats but needs Node 22; three signatures need no library.)
 * Pure.
 */
export const LETTER_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type LetterType = (typeof LETTER_TYPES)[number];

/** The most a 解约函 may weigh: 5 MB (the API answers 413 above it; the portal checks before sending). */
export const LETTER_MAX_BYTES = 5 * 1024 * 1024;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length > signature.length && signature.every((b, i) => bytes[i] === b);

export function sniffLetterType(bytes: Uint8Array): LetterType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  return null;
}

/** The file name a download is offered under. */
export function letterFileName(type: LetterType): string {
  return `解约函.${type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg'}`;
}
