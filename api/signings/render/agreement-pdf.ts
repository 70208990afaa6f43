/**
 * The printable 就业协议书 as a PDF (A4), laid out with pdfkit from the same document model as the
 * HTML page (agreement-model.ts), with the Noto Sans SC font (SIL OFL, from the npm package
 * `@expo-google-fonts/noto-sans-sc`, which ships Google Fonts' static TTFs) embedded as a subset of
 * the characters used. Values are drawn as text, so nothing a party typed can become markup.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { type AgreementDocumentInput, type AgreementModel, type DocField, buildAgreementModel } from './agreement-model';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
/** The two faces, large files (BENCHMARKS.md, "Figures behind code comments"), read once per process. */
function loadFonts() {
  fonts ??= Promise.all([readFile(FONT_FILES.regular), readFile(FONT_FILES.bold)]).then(([regular, bold]) => ({ regular, bold }));
  fonts.catch(() => (fonts = undefined));
  return fonts;
}

const MM = 72 / 25.4;
const MARGIN = { top: 18 * MM, bottom: 18 * MM, left: 16 * MM, right: 16 * MM };
const BODY = 10.5;
const SMALL = 9;
const GREY = '#555555';
const HEADER_FILL = '#f2f2f2';
const LABEL_WIDTH = 30 * MM;

type Doc = PDFKit.PDFDocument;

/** One table cell: text, optionally spanning columns, shaded (labels), grey or bold. */
interface Cell {
  text: string;
  colSpan?: number;
  fill?: boolean;
  color?: string;
  bold?: boolean;
  size?: number;
}

const dash = (value: string) => value || '—';

function label(text: string): Cell {
  return { text, fill: true };
}

function cell(text: string, extra: Omit<Cell, 'text'> = {}): Cell {
  return { text, ...extra };
}

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

/** Starts a new page unless `height` points are left on this one. */
function keepSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN.bottom) doc.addPage();
}

const PAD_X = 5;
const PAD_Y = 3;
const LINE_GAP = 1.5;

/**
 * A bordered table. Columns are widths in points or '*' (sharing what is left); a row that does not
 * fit on the page starts a new one. (Drawn by hand: pdfkit's own table measures each cell many
 * times, which with a CJK font is far too slow: BENCHMARKS.md, "Figures behind code comments".)
 */
function table(doc: Doc, columns: (number | '*')[], rows: Cell[][]): void {
  const total = contentWidth(doc);
  const fixed = columns.reduce<number>((sum, c) => sum + (c === '*' ? 0 : c), 0);
  const stars = columns.filter((c) => c === '*').length;
  const widths = columns.map((c) => (c === '*' ? (total - fixed) / Math.max(1, stars) : c));
  for (const row of rows) {
    // Lay out the row: each cell's x, width and text height.
    let col = 0;
    const placed = row.map((c) => {
      const span = c.colSpan ?? 1;
      const x = MARGIN.left + widths.slice(0, col).reduce((a, b) => a + b, 0);
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      doc.font(c.bold ? 'bold' : 'regular').fontSize(c.size ?? BODY);
      const height = doc.heightOfString(c.text, { width: width - 2 * PAD_X, lineGap: LINE_GAP });
      return { c, x, width, height };
    });
    const rowHeight = Math.max(...placed.map((p) => p.height)) + 2 * PAD_Y;
    if (rowHeight > doc.page.height - MARGIN.top - MARGIN.bottom) {
      // Longer than a page (a long clause in a cell): flow it as paragraphs instead.
      for (const { c } of placed) paragraph(doc, c.text, c.fill ? { bold: true } : {});
      continue;
    }
    keepSpace(doc, rowHeight);
    const y = doc.y;
    for (const { c, x, width } of placed) {
      if (c.fill) doc.save().rect(x, y, width, rowHeight).fill(HEADER_FILL).restore();
      doc.lineWidth(0.6).strokeColor('#000000').rect(x, y, width, rowHeight).stroke();
      doc
        .font(c.bold ? 'bold' : 'regular')
        .fontSize(c.size ?? BODY)
        .fillColor(c.color ?? '#000000')
        .text(c.text, x + PAD_X, y + PAD_Y, { width: width - 2 * PAD_X, lineGap: LINE_GAP });
    }
    doc.fillColor('#000000');
    doc.x = MARGIN.left;
    doc.y = y + rowHeight;
  }
  doc.moveDown(0.4);
}

function heading2(doc: Doc, text: string): void {
  keepSpace(doc, 90);
  doc.moveDown(0.6);
  doc.font('bold').fontSize(13).text(text, MARGIN.left);
  const y = doc.y + 1;
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + contentWidth(doc), y).lineWidth(1.2).stroke();
  doc.moveDown(0.4);
}

function heading3(doc: Doc, text: string, keep = 60): void {
  keepSpace(doc, keep);
  doc.font('bold').fontSize(11).text(text, MARGIN.left);
  doc.moveDown(0.2);
}

function paragraph(doc: Doc, text: string, options: { color?: string; size?: number; bold?: boolean } = {}): void {
  doc
    .font(options.bold ? 'bold' : 'regular')
    .fontSize(options.size ?? BODY)
    .fillColor(options.color ?? '#000000')
    .text(text, MARGIN.left, undefined, { width: contentWidth(doc), lineGap: 2 });
  doc.fillColor('#000000');
  doc.moveDown(0.3);
}

function pairRows(fields: readonly DocField[]): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const a = fields[i]!;
    const b = fields[i + 1];
    rows.push(b ? [label(a.label), cell(dash(a.value)), label(b.label), cell(dash(b.value))] : [label(a.label), cell(dash(a.value), { colSpan: 3 })]);
  }
  return rows;
}

function layout(doc: Doc, m: AgreementModel): void {
  doc.font('bold').fontSize(18).text(m.title, { align: 'center', characterSpacing: 2 });
  doc.font('regular').fontSize(BODY).text(m.subtitle, { align: 'center' });
  doc.moveDown(0.6);
  table(doc, [LABEL_WIDTH, '*', 18 * MM, 44 * MM], [
    [label('协议书编号'), cell(m.meta.agreementNo, { bold: true }), label('状态'), cell(m.meta.statusLabel, { bold: true })],
    [label('网签编号'), cell(m.meta.signingId, { colSpan: 3, size: 8.5 })],
    [label('协议版本'), cell(m.meta.versionLabel, { colSpan: 3 })],
    [label('SHA-256'), cell(m.meta.hash, { colSpan: 3, size: 8.5 })],
  ]);

  heading2(doc, '签约各方');
  for (const party of m.parties) {
    heading3(doc, party.title, 40 + 22 * Math.ceil(party.fields.length / 2));
    table(doc, [LABEL_WIDTH, '*', LABEL_WIDTH, '*'], pairRows(party.fields));
  }

  heading2(doc, '协议条款');
  for (const s of m.sections) {
    heading3(doc, `${s.heading}  ${s.title}`, 70);
    if (s.lead) paragraph(doc, s.lead);
    if (s.fields) table(doc, [32 * MM, '*'], s.fields.map((f) => [label(f.label), cell(dash(f.value))]));
    if (s.prose !== undefined) paragraph(doc, s.prose || '无', s.prose ? {} : { color: GREY });
  }

  heading2(doc, '档案接收');
  if (m.archive) table(doc, [LABEL_WIDTH, '*', LABEL_WIDTH, '*'], pairRows(m.archive));
  else paragraph(doc, '尚未填写档案接收信息', { color: GREY });

  heading2(doc, '三方确认');
  table(doc, [46 * MM, '*', 66 * MM], [
    [label('签约方'), label('网上确认'), label('确认时间')],
    ...m.confirmations.map((c) => [cell(`${c.party}\n${c.name}`), cell(c.state, c.pending ? { color: GREY } : {}), cell(c.at)]),
  ]);
  if (m.history.length) {
    heading3(doc, '本版本办理记录', 70);
    table(doc, [40 * MM, 22 * MM, 50 * MM, '*'], [
      [label('时间（北京时间）'), label('办理方'), label('事项'), label('说明')],
      ...m.history.map((e) => [cell(e.at), cell(e.actor), cell(e.action), cell(e.reason)]),
    ]);
  }

  keepSpace(doc, 60);
  doc.moveDown(0.8);
  const y = doc.y;
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + contentWidth(doc), y).lineWidth(0.5).strokeColor('#999999').stroke().strokeColor('#000000');
  doc.moveDown(0.4);
  paragraph(doc, m.footer.hashNote, { size: SMALL, color: '#333333' });
  paragraph(doc, m.footer.generatedAt, { size: SMALL, color: '#333333' });
}

/** Page numbers 第 n 页 / 共 N 页 at the foot of every page (needs bufferPages). */
function numberPages(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(SMALL)
      .fillColor(GREY)
      .text(`第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN.left, doc.page.height - MARGIN.bottom / 2 - SMALL, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

export async function renderAgreementPdf(input: AgreementDocumentInput): Promise<Buffer> {
  const model = buildAgreementModel(input);
  const { regular, bold } = await loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: model.documentTitle,
      Subject: `${model.title} ${model.meta.versionLabel} SHA-256 ${model.meta.hash}`,
      Creator: '网上签约',
      CreationDate: input.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  layout(doc, model);
  numberPages(doc);
  doc.end();
  return done;
}
