import { describe, expect, it } from 'vitest';
import { ROSTER_MAX_ROWS, parseRoster } from '../../api/roster/parse-roster';
import type { AppError } from '../../api/http/errors';

function fileError(text: string): AppError {
  try {
    parseRoster(text);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a file-level error');
}

describe('parseRoster', () => {
  it('reads a roster with BOM, columns in any order, and normalises 学历', () => {
    const { rows, errors } = parseRoster('\uFEFF姓名,考生号,学历,专业,邮箱,生源地主管单位\r\n张三,123456789,硕士,计算机,zs@example.com,上海市教育委员会\r\n李四,123456789012345,本科,,,\r\n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        value: { examineeNo: '123456789', name: '张三', educationLevel: '硕士研究生', major: '计算机', email: 'zs@example.com', originAuthority: '上海市教育委员会' },
      },
      { row: 3, value: { examineeNo: '123456789012345', name: '李四', educationLevel: '本科' } },
    ]);
  });

  it('reports each bad row precisely and keeps the good ones', () => {
    const { rows, errors } = parseRoster(
      [
        '考生号,姓名,学历,邮箱',
        '12345678,短号,本科,',
        '123456789,,本科,',
        '223456789,王五,小学,not-an-email',
        '323456789,赵六,本科,zl@example.com',
        '323456789,赵六二,本科,',
        '423456789,多列,本科,,多余',
        '',
        '523456789,孙七,,',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.row, r.value.examineeNo])).toEqual([
      [5, '323456789'],
      [9, '523456789'],
    ]);
    expect(errors).toEqual([
      { row: 2, field: '考生号', message: '考生号应为 9–15 位数字', examineeNo: '12345678' },
      { row: 3, field: '姓名', message: '请填写姓名', examineeNo: '123456789' },
      { row: 4, field: '学历', message: '学历应为 专科、本科、硕士研究生、博士研究生 之一（当前“小学”）', examineeNo: '223456789' },
      { row: 4, field: '邮箱', message: '邮箱格式不正确，例如 hr@example.com', examineeNo: '223456789' },
      { row: 6, field: '考生号', message: '考生号与第 5 行重复', examineeNo: '323456789' },
      { row: 7, field: null, message: expect.stringContaining('本行有 5 列，多于表头的 4 列') },
    ]);
  });

  it('refuses a file whose header is wrong, naming the columns', () => {
    const err = fileError('考生号,名字,邮件\n123456789,张三,a@b.cn\n');
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toBe('表头不正确');
    expect(err.details).toEqual([
      { path: 'header[1]', message: expect.stringContaining('未知的列“名字”') },
      { path: 'header[2]', message: expect.stringContaining('未知的列“邮件”') },
      { path: 'header', message: '缺少必填列“姓名”' },
    ]);
  });

  it('refuses an empty file, broken quoting, text that was not UTF-8, and too many rows', () => {
    expect(fileError('').message).toContain('文件为空');
    expect(fileError('考生号,姓名\n"123456789,张三\n').message).toContain('CSV 格式错误');
    expect(fileError('考生号,姓名\n123456789,\uFFFD\uFFFD\n').message).toContain('UTF-8');
    const many = ['考生号,姓名', ...Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => `${100000000 + i},学生${i}`)].join('\n');
    expect(fileError(many).message).toContain(`一次最多导入 ${ROSTER_MAX_ROWS} 行`);
  });
});
