/**
 * fast-check generators of hostile `multipart/form-data` bodies for a route that also takes one
 * (`multipartBody`: the 解约 request with its 解约函, api/rescissions/letter.ts), written out byte by
 * byte so the framing itself can be wrong. Every body carries at least one spoiler, so no request
 * is accepted by chance:
 *
 * - a file that is no PDF, PNG or JPEG by its bytes (web pages, an SVG, a signature and nothing
 *   after it, random bytes, nothing at all), whatever its name and declared type say; or one over
 *   the 5 MB limit;
 * - the good letter under another field name, or two letters;
 * - an unknown text field, a duplicated `reason`, too many parts or fields;
 * - a `reason` that is missing, blank, too short, too long, over the form's field size, or holds
 *   text PostgreSQL cannot store;
 * - broken framing (no closing boundary, a boundary the header does not name, no boundary
 *   parameter, a part without headers, bare LF line ends, garbage before the first boundary) around
 *   valid parts and an unknown field, so a parser that reads past the break still refuses the form.
 */
import fc from 'fast-check';
import { RESCISSION_LETTER_MAX_BYTES } from '../../db/schema';
import { sniffLetterType } from '../../domain/letter-type';
import { LETTER_PDF } from '../support/rescission-world';
import type { RouteRequest } from '../support/route-request';
import type { FuzzRequest } from './arbitraries';

interface Part {
  name: string;
  /** A text field's value: a string (sent as UTF-8), or bytes as they are. */
  value?: string | Uint8Array;
  file?: { filename: string; type: string; bytes: Uint8Array };
}

type Framing = 'ok' | 'unterminated' | 'other-boundary' | 'no-boundary' | 'headerless-part' | 'bare-lf' | 'preamble-garbage';

interface Form {
  parts: Part[];
  framing: Framing;
}

const BOUNDARY = '----wq-fuzz-7MA4YWxkTrZu0gW';
const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** The body's bytes and its Content-Type, framed as `framing` says. */
function encode({ parts, framing }: Form): { contentType: string; bytes: Buffer } {
  const eol = framing === 'bare-lf' ? '\n' : '\r\n';
  const chunks: Buffer[] = framing === 'preamble-garbage' ? [utf8(`\u0000垃圾${eol}--not-the-boundary${eol}`)] : [];
  parts.forEach((part, i) => {
    chunks.push(utf8(`--${BOUNDARY}${eol}`));
    if (!(framing === 'headerless-part' && i === 0)) {
      const filename = part.file ? `; filename="${part.file.filename}"` : '';
      chunks.push(utf8(`Content-Disposition: form-data; name="${part.name}"${filename}${eol}`));
      if (part.file?.type) chunks.push(utf8(`Content-Type: ${part.file.type}${eol}`));
    }
    const value = typeof part.value === 'string' ? utf8(part.value) : Buffer.from(part.value ?? []);
    chunks.push(utf8(eol), part.file ? Buffer.from(part.file.bytes) : value, utf8(eol));
  });
  if (framing !== 'unterminated') chunks.push(utf8(`--${BOUNDARY}--${eol}`));
  const contentType =
    framing === 'no-boundary' ? 'multipart/form-data' : `multipart/form-data; boundary=${framing === 'other-boundary' ? `${BOUNDARY}x` : BOUNDARY}`;
  return { contentType, bytes: Buffer.concat(chunks) };
}

const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Files that are no letter by their bytes. */
const badLetterBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(
    utf8('<!DOCTYPE html><html><body><script>alert(1)</script>解约函</body></html>'),
    utf8('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    utf8('%PDF-'),
    utf8('%PDF'),
    utf8(' %PDF-1.4\n'),
    Buffer.from(PNG_SIGNATURE),
    Buffer.from([0xff, 0xd8, 0xff]),
    Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1'),
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
    Buffer.alloc(0),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 512 }).filter((bytes) => sniffLetterType(bytes) === null),
);

/**
 * Never empty: a file part without a name is what a browser sends for a file input left empty, and
 * is read as no file at all (multer, as busboy reports it), so it would spoil nothing.
 */
const fileName = fc.oneof(
  fc.constantFrom('解约函.pdf', 'letter.png', '../../etc/passwd', 'a\\b.pdf', '/', '..', 'scans/', 'x'.repeat(300), 'evil.pdf.html', '%00.pdf'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((s) => s.replace(/["\r\n]/g, '_')),
);
const declaredType = fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'text/html', 'application/octet-stream', 'image/svg+xml', '');

const letter = (bytes: Uint8Array, name = 'letter') =>
  fc.tuple(fileName, declaredType).map(([filename, type]): Part => ({ name, file: { filename, type, bytes } }));

/**
 * Reasons the server must refuse (missing is a spoiler of its own). No lone surrogate: UTF-8 cannot
 * carry one (it would arrive as U+FFFD); bytes that are not UTF-8 stand in for it.
 */
const badReason: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.constantFrom('', ' ', '　\t', '短', '原因\u0000', '\u202e原因', '原因\u001b[0m'),
  fc.constantFrom(Buffer.from([0xe5, 0x8e, 0x9f, 0xe5, 0x9b, 0xa0, 0xff, 0xfe]), Buffer.from([0xc3, 0x28, 0xe5, 0x8e, 0x9f, 0xe5, 0x9b, 0xa0]), Buffer.concat([utf8('原因原因'), Buffer.from([0xed, 0xa0, 0x80])])),
  fc.integer({ min: 501, max: 4000 }).map((n) => '长'.repeat(n)),
  // Over the form's field size (16 KB): multer refuses it before the schema.
  fc.constant('长'.repeat(6000)),
);

export function multipartRequests(valid: RouteRequest): fc.Arbitrary<FuzzRequest> {
  const reasonText = typeof (valid.body as { reason?: unknown })?.reason === 'string' ? (valid.body as { reason: string }).reason : '已考取研究生，无法按期报到';
  const reason: Part = { name: 'reason', value: reasonText };
  const goodLetter = letter(LETTER_PDF);
  const forms: fc.Arbitrary<Form> = fc.oneof(
    badLetterBytes.chain((bytes) => letter(bytes)).map((file) => ({ parts: [reason, file], framing: 'ok' as const })),
    // One byte over the limit, after a real PDF header: 413.
    letter(Buffer.concat([LETTER_PDF, Buffer.alloc(RESCISSION_LETTER_MAX_BYTES + 1 - LETTER_PDF.length)])).map((file) => ({ parts: [reason, file], framing: 'ok' as const })),
    fc
      .tuple(fc.constantFrom('file', 'letters', 'Letter', 'letter[]', '__proto__'), fileName, declaredType)
      .map(([name, filename, type]) => ({ parts: [reason, { name, file: { filename, type, bytes: LETTER_PDF } }], framing: 'ok' as const })),
    fc.tuple(goodLetter, goodLetter).map(([a, b]) => ({ parts: [reason, a, b], framing: 'ok' as const })),
    fc
      .tuple(fc.constantFrom('other', 'reasons', 'constructor', '__proto__', 'letter', '未知字段'), fc.string({ maxLength: 20 }), fc.option(goodLetter, { nil: undefined }))
      .map(([name, value, file]) => ({ parts: [reason, { name, value }, ...(file ? [file] : [])], framing: 'ok' as const })),
    fc.option(goodLetter, { nil: undefined }).map((file) => ({ parts: [reason, { ...reason }, ...(file ? [file] : [])], framing: 'ok' as const })),
    fc.integer({ min: 5, max: 8 }).map((n) => ({ parts: Array.from({ length: n }, () => reason), framing: 'ok' as const })),
    fc
      .tuple(fc.option(badReason, { nil: undefined }), fc.option(goodLetter, { nil: undefined }))
      .map(([value, file]) => ({ parts: [...(value === undefined ? [] : [{ name: 'reason', value }]), ...(file ? [file] : [])], framing: 'ok' as const })),
    fc
      .tuple(fc.constantFrom<Framing>('unterminated', 'other-boundary', 'no-boundary', 'headerless-part', 'bare-lf', 'preamble-garbage'), goodLetter)
      .map(([framing, file]) => ({ parts: [reason, file, { name: 'other', value: 'x' }], framing })),
  );
  return forms.map((form) => ({ ...valid, body: undefined, raw: encode(form), kind: 'multipart' as const }));
}
