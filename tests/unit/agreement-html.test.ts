import { describe, expect, it } from 'vitest';
import { type AgreementDocumentInput, formatMonths, renderAgreementHtml } from '../../api/signings/render/agreement-html';
import { renderAgreementPdf } from '../../api/signings/render/agreement-pdf';
import { html, trustedHtml } from '../../api/signings/render/html';
import { sampleAgreement, sampleApplication, sampleArchive, sampleContact } from '../support/sample-data';

describe('html template', () => {
  it('escapes interpolated values and keeps nested templates', () => {
    const name = `<script>alert("x")</script>&'`;
    const out = html`<p title="${name}">${name}${html`<b>${1}</b>`}${[html`<i>a</i>`, '<i>']}${null}${undefined}${false}</p>`;
    expect(out.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;<b>1</b><i>a</i>&lt;i&gt;</p>',
    );
  });

  it('does not treat look-alike objects as safe markup', () => {
    const fake = { value: '<b>', toString: () => '<b>' } as unknown as string;
    expect(html`${fake}`.value).toBe('&lt;b&gt;');
    expect(html`${trustedHtml('<hr>')}`.value).toBe('<hr>');
  });
});

describe('formatMonths', () => {
  it('shows years when whole, months otherwise, 无 for none', () => {
    expect(formatMonths(12)).toBe('1 年（12 个月）');
    expect(formatMonths(1)).toBe('1 个月');
    expect(formatMonths(18)).toBe('18 个月');
    expect(formatMonths(0)).toBe('无');
  });
});

function input(overrides: Partial<AgreementDocumentInput> = {}): AgreementDocumentInput {
  return {
    signingId: '6b0f3c1e-9a55-4c57-9d2b-2d1c5b7e8f10',
    agreementNo: '2027-10280-000123',
    status: 'PENDING_SCHOOL',
    currentVersion: 2,
    version: 2,
    hash: 'a'.repeat(64),
    application: sampleApplication(),
    student: { name: '于小明', examineeNo: '20310101000101', major: '计算机科学与技术', educationLevel: '本科', originAuthority: '上海市教育委员会' },
    school: { code: '10280', name: '上海大学' },
    employerName: 'tiger7',
    unitNature: '39',
    contact: sampleContact(),
    agreement: sampleAgreement(),
    archive: sampleArchive(),
    sentAt: new Date('2026-06-14T08:00:00Z'),
    events: [
      { action: 'employerSign', actorRole: 'employer', at: new Date('2026-06-14T08:00:00Z'), reason: null },
      { action: 'studentConfirm', actorRole: 'student', at: new Date('2026-06-15T01:30:00Z'), reason: null },
    ],
    generatedAt: new Date('2026-06-16T00:00:00Z'),
    ...overrides,
  };
}

describe('renderAgreementHtml', () => {
  it('renders the parties, the eight sections in order, the archive, version, hash and confirmations', () => {
    const page = renderAgreementHtml(input());
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('@page { size: A4');
    for (const text of [
      '普通高等学校毕业生就业协议书',
      '协议书编号',
      '2027-10280-000123',
      '网签编号',
      '于小明',
      '20310101000101',
      '计算机科学与技术',
      '上海大学',
      '91350200MA31E12PXF',
      '其他企业（39）',
      '上海市徐汇区（310104）',
      '软件和信息技术服务业（65）',
      '张老师',
      '工程技术人员（13）',
      '1 年（12 个月）',
      '调休',
      '5000 元/月',
      '5000 元',
      '上海市学生事务中心',
      '第 2 版（当前版本）',
      'a'.repeat(64),
      '待学校确认',
      '2026年6月14日 16:00（北京时间）',
      '2026年6月15日 09:30（北京时间）',
    ]) {
      expect(page, text).toContain(text);
    }
    const positions = ['协议标的', '劳动或聘用合同有关条款的约定', '协议的解除', '违约责任', '补充条款', '协议的生效', '协议的终止', '协议文本'].map((t) =>
      page.indexOf(`</span> ${t}</h3>`),
    );
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The school has not confirmed yet.
    expect(page).toMatch(/丙方（学校）<br>上海大学<\/td><td><span class="pending">尚未确认<\/span>/);
  });

  it('marks a superseded version and a missing archive', () => {
    const page = renderAgreementHtml(input({ version: 1, archive: null, events: [] }));
    expect(page).toContain('第 1 版（已被第 2 版取代，仅供查阅）');
    expect(page).toContain('尚未填写档案接收信息');
  });

  it('escapes what the parties typed', () => {
    const agreement = sampleAgreement();
    agreement.subject.position = '<script>alert(1)</script>';
    agreement.supplementaryClauses = '"><img src=x onerror=alert(1)>';
    const page = renderAgreementHtml(input({ agreement, employerName: '<b>单位</b>' }));
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>单位');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('renderAgreementPdf', () => {
  it('renders an A4 PDF with the CJK font embedded as a subset, and the title in its metadata', async () => {
    const pdf = await renderAgreementPdf(input());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(raw).toContain('/ToUnicode');
    expect(pdf.length).toBeLessThan(500_000);
  });

});
