/**
 * The printable 就业协议书 (employment agreement) of one agreement version, as a self-contained
 * Chinese HTML page for A4: the three parties (甲方 用人单位, 乙方 毕业生, 丙方 学校), the eight
 * sections in the order the employer walks them, 档案接收, the version with its SHA-256 hash, each
 * party's confirmation with its time (Beijing time) and the signing's status.
 *
 * A pure function of its input (no I/O): the route gathers the data, this module only lays it out.
 * Every value goes through the `html` template, which escapes it.
 */
import type { Agreement, Application, Archive, Contact } from '../../domain/schemas';
import { jobCategoryLabel } from '../../domain/codes';
import { beijingTimeLong } from '../../domain/beijing-time';
import { ACTION_LABELS, type AuditAction, PARTY_LABELS, STATUS_LABELS, type Party, type SigningStatus } from '../../domain/status';
import { codeLabels } from '../presenters';
import { type HtmlValue, type SafeHtml, html, trustedHtml } from './html';

export interface AgreementDocumentEvent {
  action: AuditAction;
  actorRole: Party | 'system';
  at: Date;
  reason: string | null;
}

export interface AgreementDocumentInput {
  signingId: string;
  status: SigningStatus;
  /** The signing's current version, to say whether this one is still current. */
  currentVersion: number | null;
  version: number;
  hash: string;
  application: Application;
  student: {
    name: string;
    examineeNo: string;
    major?: string | null;
    educationLevel?: string | null;
    originAuthority?: string | null;
  };
  school: { code: string; name: string };
  employerName: string;
  unitNature: string;
  contact: Contact;
  agreement: Agreement;
  archive: Archive | null;
  /** When the employer sent this version. */
  sentAt: Date;
  /** The signing's audit events that concern this version, oldest first. */
  events: readonly AgreementDocumentEvent[];
  generatedAt: Date;
}

/** The eight sections, numbered as in the source. */
export const SECTION_TITLES = [
  '协议标的',
  '劳动或聘用合同有关条款的约定',
  '协议的解除',
  '违约责任',
  '补充条款',
  '协议的生效',
  '协议的终止',
  '协议文本',
] as const;

const TITLE = '普通高等学校毕业生就业协议书';

/** `12` → `1 年（12 个月）`, `18` → `18 个月`, `0` → `无`. */
export function formatMonths(months: number): string {
  if (months === 0) return '无';
  if (months % 12 === 0) return `${months / 12} 年（${months} 个月）`;
  return `${months} 个月`;
}

export function formatYuan(yuan: number, perMonth = false): string {
  return `${yuan} 元${perMonth ? '/月' : ''}`;
}

function time(at: Date | null | undefined): string {
  return at ? `${beijingTimeLong(at)}（北京时间）` : '';
}

function codeWithLabel(code: string, label: string | null | undefined): string {
  return label ? `${label}（${code}）` : code;
}

/** A text the parties wrote; empty → 无. Line breaks are kept by CSS (pre-wrap). */
function prose(text: string | null | undefined): SafeHtml {
  const value = text?.trim();
  return value ? html`<div class="prose">${value}</div>` : html`<div class="prose empty">无</div>`;
}

type Row = readonly [label: string, value: HtmlValue];

function fieldTable(rows: readonly Row[], className = 'fields'): SafeHtml {
  return html`<table class="${className}"><tbody>${rows.map(
    ([label, value]) => html`<tr><th scope="row">${label}</th><td>${value === '' || value === null || value === undefined ? '—' : value}</td></tr>`,
  )}</tbody></table>`;
}

function section(n: number, body: SafeHtml): SafeHtml {
  return html`<section class="clause" id="section-${n}"><h3><span class="no">第${CHINESE_NUMERALS[n - 1] ?? n}条</span> ${SECTION_TITLES[n - 1] ?? ''}</h3>${body}</section>`;
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

function firstEvent(events: readonly AgreementDocumentEvent[], action: AuditAction): AgreementDocumentEvent | undefined {
  return events.find((e) => e.action === action);
}

export function renderAgreementHtml(input: AgreementDocumentInput): string {
  const { agreement: a, application, contact, student, school } = input;
  const labels = codeLabels(application, input.unitNature);
  const terms = a.employmentTerms;
  const isCurrent = input.currentVersion === input.version;
  const studentConfirmed = firstEvent(input.events, 'studentConfirm');
  const schoolConfirmed = firstEvent(input.events, 'schoolConfirm');
  const versionNote = isCurrent
    ? '（当前版本）'
    : input.currentVersion !== null
      ? `（已被第 ${input.currentVersion} 版取代，仅供查阅）`
      : '';

  const employerRows: Row[] = [
    ['单位名称', input.employerName],
    ['统一社会信用代码', html`<span class="code">${application.employer.creditCode}</span>`],
    ['信息登记号', application.employer.infoRegistrationNo ?? ''],
    ['单位性质', codeWithLabel(input.unitNature, labels.unitNature)],
    ['单位地区', codeWithLabel(application.regionCode, labels.region)],
    ['行业类别', codeWithLabel(application.industryCode, labels.industry)],
    ['行业门类', labels.industrySection ?? ''],
    ['联系人', contact.contactPerson],
    ['电话', contact.phone],
    ['邮箱', contact.email],
    ['地址', contact.address],
    ['邮编', contact.postcode],
  ];
  const studentRows: Row[] = [
    ['姓名', student.name],
    ['考生号', html`<span class="code">${student.examineeNo}</span>`],
    ['专业', student.major ?? ''],
    ['学历', student.educationLevel ?? ''],
    ['生源地主管单位', student.originAuthority ?? ''],
    ['毕业去向', codeWithLabel(application.graduationDestination, labels.graduationDestination)],
  ];
  const schoolRows: Row[] = [
    ['学校名称', school.name],
    ['学校代码', school.code],
  ];

  const sections = [
    section(
      1,
      fieldTable([
        ['职位名称', a.subject.position],
        ['工作职位类别', codeWithLabel(a.subject.jobCategoryCode, jobCategoryLabel(a.subject.jobCategoryCode))],
        ['工作地点', a.subject.workLocation],
        ['工作内容', a.subject.duties ? prose(a.subject.duties) : ''],
      ]),
    ),
    section(
      2,
      html`<p class="lead">甲乙双方通过供需见面、双向选择，就劳动（聘用）合同的主要条款约定如下：</p>${fieldTable([
        ['合同期限', formatMonths(terms.contractTermMonths)],
        ['服务期', formatMonths(terms.servicePeriodMonths)],
        ['试用期', formatMonths(terms.probationMonths)],
        ['福利', prose(terms.benefits)],
        ['税前月薪', formatYuan(terms.monthlySalaryPreTax, true)],
        ['税后月薪', formatYuan(terms.monthlySalaryAfterTax, true)],
      ])}`,
    ),
    section(3, prose(a.rescission)),
    section(
      4,
      fieldTable([
        ['违约金', formatYuan(a.breachLiability.penaltyYuan)],
        ['违约责任', a.breachLiability.text ? prose(a.breachLiability.text) : ''],
      ]),
    ),
    section(5, prose(a.supplementaryClauses)),
    section(6, prose(a.effectiveness)),
    section(7, prose(a.termination)),
    section(8, prose(a.text)),
  ];

  const archive = input.archive;
  const archiveBody = archive
    ? fieldTable([
        ['档案接收单位', archive.unitName],
        ['档案接收邮编', archive.postcode],
        ['档案接收收件人', archive.recipient],
        ['档案接收电话', archive.phone],
        ['档案接收详细地址', archive.address],
      ])
    : html`<p class="pending">尚未填写档案接收信息</p>`;

  const confirmations = html`<table class="confirmations">
  <thead><tr><th scope="col">签约方</th><th scope="col">网上确认</th><th scope="col">确认时间</th></tr></thead>
  <tbody>
    <tr><td>甲方（用人单位）<br>${input.employerName}</td><td>已签约并发送第 ${input.version} 版协议</td><td>${time(input.sentAt)}</td></tr>
    <tr><td>乙方（毕业生）<br>${student.name}</td><td>${studentConfirmed ? '已确认签约' : html`<span class="pending">尚未确认</span>`}</td><td>${time(studentConfirmed?.at)}</td></tr>
    <tr><td>丙方（学校）<br>${school.name}</td><td>${schoolConfirmed ? '已确认并同步至就业方案库' : html`<span class="pending">尚未确认</span>`}</td><td>${time(schoolConfirmed?.at)}</td></tr>
  </tbody>
</table>`;

  const history = input.events.length
    ? html`<table class="history"><thead><tr><th scope="col">时间（北京时间）</th><th scope="col">办理方</th><th scope="col">事项</th><th scope="col">说明</th></tr></thead><tbody>${input.events.map(
        (e) =>
          html`<tr><td>${beijingTimeLong(e.at)}</td><td>${e.actorRole === 'system' ? '系统' : PARTY_LABELS[e.actorRole]}</td><td>${ACTION_LABELS[e.action] ?? e.action}</td><td>${e.reason ?? ''}</td></tr>`,
      )}</tbody></table>`
    : '';

  const page = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE}（第 ${input.version} 版）— ${student.name}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="sheet">
<header>
  <h1>${TITLE}</h1>
  <p class="subtitle">（网上签约）</p>
  <table class="meta"><tbody>
    <tr><th scope="row">协议编号</th><td class="code">${input.signingId}</td><th scope="row">状态</th><td class="status">${STATUS_LABELS[input.status]}</td></tr>
    <tr><th scope="row">协议版本</th><td colspan="3">第 ${input.version} 版${versionNote}</td></tr>
    <tr><th scope="row">SHA-256</th><td colspan="3" class="hash">${input.hash}</td></tr>
  </tbody></table>
</header>

<section class="parties">
  <h2>签约各方</h2>
  <h3>甲方（用人单位）</h3>${fieldTable(employerRows)}
  <h3>乙方（毕业生）</h3>${fieldTable(studentRows)}
  <h3>丙方（学校）</h3>${fieldTable(schoolRows)}
</section>

<section class="terms">
  <h2>协议条款</h2>
  ${sections}
</section>

<section class="archive">
  <h2>档案接收</h2>
  ${archiveBody}
</section>

<section class="signatures">
  <h2>三方确认</h2>
  ${confirmations}
  ${history ? html`<h3>本版本办理记录</h3>${history}` : ''}
</section>

<footer>
  <p>本协议书第 ${input.version} 版内容的 SHA-256 哈希为 <span class="hash">${input.hash}</span>，各方网上确认的即为该哈希所对应的协议内容。</p>
  <p>生成时间：${time(input.generatedAt)}</p>
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
html { font-family: "Noto Serif SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; font-size: 10.5pt; line-height: 1.6; color: #000; }
body { margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sheet { max-width: 178mm; margin: 0 auto; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.15em; margin: 0; }
.subtitle { text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13pt; border-bottom: 1.5px solid #000; margin: 6mm 0 2mm; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 3mm 0 1.5mm; }
h3 .no { font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; }
th, td { border: 1px solid #000; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
table.fields th, table.meta th { width: 32mm; font-weight: normal; background: #f2f2f2; white-space: nowrap; }
thead th { background: #f2f2f2; font-weight: normal; }
.prose { white-space: pre-wrap; overflow-wrap: anywhere; }
.empty, .pending { color: #555; }
.code { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; }
.hash { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
.status { font-weight: bold; }
.lead { margin: 0 0 1.5mm; }
section.clause, table.confirmations, section.archive { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 6mm; font-size: 9pt; color: #333; border-top: 1px solid #999; padding-top: 2mm; }
@media screen {
  body { background: #e9e9e9; padding: 8mm 0; }
  .sheet { background: #fff; width: 210mm; max-width: 100%; padding: 18mm 16mm; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
}
`);
