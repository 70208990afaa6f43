/**
 * CSV on the school's side of the browser: reading a roster file whatever Excel saved it as (UTF-8,
 * with or without BOM, or GB18030/GBK, the default of Chinese Excel), and writing a CSV download
 * (UTF-8 with BOM, so Excel opens it in Chinese) without sending anything to a server.
 */

/** The file's text: UTF-8 if it is valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
export async function readCsvFile(file: Blob): Promise<{ text: string; encoding: 'UTF-8' | 'GB18030' }> {
  const bytes = await file.arrayBuffer();
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves `rows` as `fileName` (a CSV with BOM for Excel). */
export function downloadCsv(fileName: string, rows: readonly (readonly string[])[]): void {
  const blob = new Blob(['\uFEFF', csvText(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The roster's columns (api/roster/parse-roster.ts ROSTER_COLUMNS), in the template's order. */
export const ROSTER_HEADERS = ['考生号', '姓名', '专业', '学历', '生源地主管单位', '邮箱'] as const;
