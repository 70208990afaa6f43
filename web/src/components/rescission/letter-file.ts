/**
 * The 解约函 a person picks, checked in the browser before it is sent: a .pdf, .png, .jpg or .jpeg
 * of at most 5 MB (domain/letter-type.ts). The server still decides by the file's bytes (400 for
 * anything else, 413 above the size); this only saves a phone user a wasted upload.
 */
import { LETTER_MAX_BYTES } from '../../../../domain/letter-type';

export const LETTER_ACCEPT = '.pdf,.png,.jpg,.jpeg';
export const LETTER_MAX_MB = LETTER_MAX_BYTES / 1024 / 1024;

/** Why the file cannot be the letter, or null. */
export function letterProblem(file: { name: string; size: number }): string | null {
  if (!/\.(pdf|png|jpe?g)$/i.test(file.name)) return '解约函应为 PDF、PNG 或 JPEG 文件';
  if (file.size > LETTER_MAX_BYTES) return `解约函过大（${(file.size / 1024 / 1024).toFixed(1)} MB），上限 ${LETTER_MAX_MB} MB`;
  if (file.size === 0) return '所选文件是空的';
  return null;
}
