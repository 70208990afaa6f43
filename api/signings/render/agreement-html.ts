/**
 * The printable 就业协议书 as a self-contained Chinese HTML page for A4 (print CSS, `@page`), laid
 * out from the document model (agreement-model.ts). Every value goes through the `html` template,
 * which escapes it. Pure.
 */
import { type AgreementDocumentInput, type DocField, buildAgreementModel } from './agreement-model';
import { type SafeHtml, html, trustedHtml } from './html';

export { type AgreementDocumentEvent, type AgreementDocumentInput, SECTION_TITLES, formatMonths, formatYuan } from './agreement-model';

function value(f: DocField): SafeHtml | string {
  if (!f.value) return '—';
  if (f.multiline) return html`<div class="prose">${f.value}</div>`;
  if (f.code) return html`<span class="code">${f.value}</span>`;
  return f.value;
}

function fieldTable(fields: readonly DocField[]): SafeHtml {
  return html`<table class="fields"><tbody>${fields.map((f) => html`<tr><th scope="row">${f.label}</th><td>${value(f)}</td></tr>`)}</tbody></table>`;
}

/** Two label/value pairs per row, for the compact party and archive blocks. */
function pairTable(fields: readonly DocField[]): SafeHtml {
  const lines: SafeHtml[] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const first = fields[i]!;
    const second = fields[i + 1];
    lines.push(
      second
        ? html`<tr><th scope="row">${first.label}</th><td>${value(first)}</td><th scope="row">${second.label}</th><td>${value(second)}</td></tr>`
        : html`<tr><th scope="row">${first.label}</th><td colspan="3">${value(first)}</td></tr>`,
    );
  }
  return html`<table class="fields pairs"><tbody>${lines}</tbody></table>`;
}

function prose(text: string): SafeHtml {
  return text ? html`<div class="prose">${text}</div>` : html`<div class="prose empty">无</div>`;
}

export function renderAgreementHtml(input: AgreementDocumentInput): string {
  const m = buildAgreementModel(input);

  const sections = m.sections.map(
    (s) =>
      html`<section class="clause" id="section-${s.number}"><h3><span class="no">${s.heading}</span> ${s.title}</h3>${
        s.lead ? html`<p class="lead">${s.lead}</p>` : ''
      }${s.fields ? fieldTable(s.fields) : ''}${s.prose !== undefined ? prose(s.prose) : ''}</section>`,
  );

  const confirmations = html`<table class="confirmations">
  <thead><tr><th scope="col">签约方</th><th scope="col">网上确认</th><th scope="col">确认时间</th></tr></thead>
  <tbody>${m.confirmations.map(
    (c) =>
      html`
    <tr><td>${c.party}<br>${c.name}</td><td>${c.pending ? html`<span class="pending">${c.state}</span>` : c.state}</td><td>${c.at}</td></tr>`,
  )}
  </tbody>
</table>`;

  const history = m.history.length
    ? html`<h3>本版本办理记录</h3><table class="history"><thead><tr><th scope="col">时间（北京时间）</th><th scope="col">办理方</th><th scope="col">事项</th><th scope="col">说明</th></tr></thead><tbody>${m.history.map(
        (e) => html`<tr><td>${e.at}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.reason}</td></tr>`,
      )}</tbody></table>`
    : '';

  const page = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${m.documentTitle}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="sheet">
<header>
  <h1>${m.title}</h1>
  <p class="subtitle">${m.subtitle}</p>
  <table class="meta"><tbody>
    <tr><th scope="row">协议书编号</th><td class="code">${m.meta.agreementNo}</td><th scope="row">状态</th><td class="status">${m.meta.statusLabel}</td></tr>
    <tr><th scope="row">网签编号</th><td colspan="3" class="code">${m.meta.signingId}</td></tr>
    <tr><th scope="row">协议版本</th><td colspan="3">${m.meta.versionLabel}</td></tr>
    <tr><th scope="row">SHA-256</th><td colspan="3" class="hash">${m.meta.hash}</td></tr>
  </tbody></table>
</header>

<section class="parties">
  <h2>签约各方</h2>
  ${m.parties.map((p) => html`<div class="party"><h3>${p.title}</h3>${pairTable(p.fields)}</div>`)}
</section>

<section class="terms">
  <h2>协议条款</h2>
  ${sections}
</section>

<section class="archive">
  <h2>档案接收</h2>
  ${m.archive ? pairTable(m.archive) : html`<p class="pending">尚未填写档案接收信息</p>`}
</section>

<section class="signatures">
  <h2>三方确认</h2>
  ${confirmations}
  ${history}
</section>

<footer>
  <p>${m.footer.hashNote}</p>
  <p>${m.footer.generatedAt}</p>
</footer>
</main>
</body>
</html>
`;
  return page.value;
}

/** Print CSS for A4; on screen the sheet is shown as a page. A constant: nothing is interpolated. */
const STYLE = trustedHtml(`
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Serif SC", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; font-size: 10.5pt; line-height: 1.6; color: #000; }
body { margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sheet { max-width: 178mm; margin: 0 auto; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.15em; margin: 0; }
.subtitle { text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13pt; border-bottom: 1.5px solid #000; margin: 6mm 0 2mm; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 3mm 0 1.5mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; }
th, td { border: 1px solid #000; padding: 1.2mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
table.fields th, table.meta th { width: 32mm; font-weight: normal; background: #f2f2f2; white-space: nowrap; }
table.pairs th { width: 26mm; }
table.pairs td { width: 63mm; }
thead th { background: #f2f2f2; font-weight: normal; }
.prose { white-space: pre-wrap; overflow-wrap: anywhere; }
.empty, .pending { color: #555; }
.code { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; }
.hash { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
.status { font-weight: bold; }
.lead { margin: 0 0 1.5mm; }
section.clause, div.party, table.confirmations, section.archive { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 6mm; font-size: 9pt; color: #333; border-top: 1px solid #999; padding-top: 2mm; overflow-wrap: anywhere; }
@media screen {
  body { background: #e9e9e9; padding: 8mm 0; }
  .sheet { background: #fff; width: 210mm; max-width: 100%; padding: 18mm 16mm; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
}
`);
