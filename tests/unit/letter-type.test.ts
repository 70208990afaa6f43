/**
 * What a 解约函 is, by its first bytes (domain/letter-type.ts): a PDF, a PNG or a JPEG is named by
 * its signature whatever follows; anything else — nothing, a signature with nothing after it, a
 * near miss of one, another format, a web page — is refused (null), so the route answers 400.
 */
import { describe, expect, it } from 'vitest';
import { LETTER_TYPES, letterFileName, sniffLetterType } from '../../domain/letter-type';

/** Strings of code points below 256 are taken byte for byte (`\xe2` is one byte); others as UTF-8. */
const textBytes = (s: string) => Buffer.from(s, [...s].every((c) => c.charCodeAt(0) < 256) ? 'latin1' : 'utf8');
const bytes = (...parts: Array<string | number[]>) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? textBytes(p) : Buffer.from(p)))));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('sniffLetterType: the three kinds, by their signatures', () => {
  it.each([
    ['a PDF 1.4 header', bytes('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'application/pdf'],
    ['a PDF 2.0 header', bytes('%PDF-2.0\r\n'), 'application/pdf'],
    ['a PNG signature and its IHDR chunk', bytes(PNG_SIGNATURE, [0, 0, 0, 0x0d], 'IHDR'), 'image/png'],
    ['a JPEG/JFIF start (SOI, APP0)', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), 'image/jpeg'],
    ['a JPEG/Exif start (SOI, APP1)', bytes([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34], 'Exif'), 'image/jpeg'],
    ['a JPEG with one byte after the marker', bytes([0xff, 0xd8, 0xff, 0xdb]), 'image/jpeg'],
  ] as const)('%s → %s', (_what, input, type) => {
    expect(sniffLetterType(input)).toBe(type);
  });

  it('reads the bytes, not what surrounds them: a Buffer works as a Uint8Array', () => {
    expect(sniffLetterType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });
});

describe('sniffLetterType: refusals', () => {
  it.each([
    ['no bytes at all', bytes()],
    ['one byte', bytes([0x25])],
    ['the PDF signature and nothing after it', bytes('%PDF-')],
    ['the PDF signature cut short', bytes('%PDF')],
    ['the PNG signature and nothing after it', bytes(PNG_SIGNATURE)],
    ['the PNG signature less its last byte', bytes(PNG_SIGNATURE.slice(0, 7))],
    ['the JPEG marker and nothing after it', bytes([0xff, 0xd8, 0xff])],
    ['a JPEG start without its second marker byte', bytes([0xff, 0xd8])],
  ] as const)('too short: %s', (_what, input) => {
    expect(sniffLetterType(input)).toBeNull();
  });

  it.each([
    ['%PDF without its hyphen', bytes('%PDF 1.4\n')],
    ['%pdf- in lower case', bytes('%pdf-1.4\n')],
    ['a PDF header after a blank line (tolerated by readers, not by us)', bytes('\n%PDF-1.4\n')],
    ['a PDF header after a UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], '%PDF-1.4\n')],
    ['a PNG signature with CR LF swapped', bytes([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x0d, 0x1a, 0x0a, 0x00])],
    ['PNG spelled out in text', bytes('PNG image data')],
    ['a JPEG SOI followed by something other than a marker', bytes([0xff, 0xd8, 0x00, 0xe0, 0x00])],
    ['a GIF', bytes('GIF89a\x01\x00\x01\x00')],
    ['a ZIP (a .docx letter)', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ['a WebP', bytes('RIFF\x24\x00\x00\x00WEBPVP8 ')],
    ['a BMP', bytes('BM\x36\x00\x00\x00')],
  ] as const)('wrong magic: %s', (_what, input) => {
    expect(sniffLetterType(input)).toBeNull();
  });

  it.each([
    ['an HTML page', bytes('<!DOCTYPE html><html><body>解约函</body></html>')],
    ['HTML that names a PDF in its text', bytes('<html><!-- %PDF-1.4 --></html>')],
    ['an SVG image', bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a script', bytes('<script>alert(1)</script>')],
    ['plain text', bytes('本人申请解除就业协议。')],
  ] as const)('markup and text: %s', (_what, input) => {
    expect(sniffLetterType(input)).toBeNull();
  });
});

describe('letterFileName', () => {
  it('offers each kind under 解约函 with its own extension', () => {
    expect(LETTER_TYPES.map(letterFileName)).toEqual(['解约函.pdf', '解约函.png', '解约函.jpg']);
  });
});
