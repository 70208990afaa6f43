/**
 * CSV downloads that Excel opens correctly (the school's export is opened in Excel on Chinese
 * Windows): UTF-8 with a BOM (without it Excel reads GBK and shows mojibake), CRLF line ends, RFC 4180
 * quoting (csv-stringify), a Chinese header row and a Chinese file name (RFC 6266/5987
 * `filename*=UTF-8''…`, with an ASCII `filename=` for old clients).
 *
 * Two cell guards, because people open the file rather than parse it:
 * - an identifier made only of digits (考生号, 信息登记号, an all-digit 社会信用代码, codes such as
 *   毕业去向 `01`) starts with a tab, so Excel keeps it as text: no `1.23457E+13`, no lost leading
 *   zero. A program reading the file should trim cells;
 * - a free text that starts with `=`, `+`, `-`, `@`, tab or CR starts with `'`, so Excel does not run
 *   it as a formula (CSV injection).
 *
 * Rows are written page by page as the caller produces them, waiting for the socket to drain, so an
 * export of many thousands of rows never sits in memory at once.
 */
import { once } from 'node:events';
import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /** An identifier or code: keep it as text in Excel. */
  identifier?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined, identifier = false): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (identifier && /^\d+$/.test(text)) return `\t${text}`;
  if (typeof value === 'string' && FORMULA_START.test(text)) return `'${text}`;
  return text;
}

/** `attachment` with the UTF-8 name and an ASCII fallback. */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

function csvText(records: string[][], bom: boolean): string {
  return stringify(records, { bom, record_delimiter: 'windows', eof: true });
}

/** Writes `chunk`, waiting for the socket when its buffer is full; false once the client has gone. */
async function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk, 'utf8')) return true;
  const done = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: done.signal }), once(res, 'close', { signal: done.signal })]);
  } finally {
    done.abort(); // removes the listener of the one that did not fire
  }
  return !res.destroyed;
}

/**
 * Streams a CSV download: headers, BOM and header row first, then each page of rows. Returns the
 * number of data rows written. After the first byte an error can no longer become a JSON error
 * answer, so the caller destroys the response instead (the client sees a broken download, never a
 * truncated file that looks complete).
 */
export async function sendCsv<T>(
  res: Response,
  options: { filename: string; asciiFilename: string; columns: readonly CsvColumn<T>[]; pages: AsyncIterable<T[]>; headers?: Record<string, string> },
): Promise<number> {
  const { columns } = options;
  res.status(200).set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': attachmentDisposition(options.filename, options.asciiFilename),
    'Cache-Control': 'no-store',
    ...options.headers,
  });
  let written = 0;
  try {
    if (!(await write(res, csvText([columns.map((c) => c.header)], true)))) return written;
    for await (const page of options.pages) {
      const records = page.map((row) => columns.map((c) => csvCell(c.value(row), c.identifier)));
      if (!(await write(res, csvText(records, false)))) return written;
      written += records.length;
    }
    res.end();
    return written;
  } catch (err) {
    res.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
}
