/**
 * The project's one zod instance, configured once with Chinese messages.
 *
 * Every schema module under domain/ imports `z` from here (not from 'zod' directly), so loading any
 * of them installs the Chinese error map. `z.config` is process-global (it is zod's own singleton),
 * so schemas elsewhere (config.ts, api/) get the same messages once this module has been loaded.
 *
 * Pure: no Node built-ins — the Temporal workflow sandbox may import this.
 */
import { z } from 'zod';

const zhCN = z.locales.zhCN();

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值(null)',
  bigint: '大整数',
  date: '日期',
};

function typeName(t: string): string {
  return TYPE_NAMES[t] ?? t;
}

/**
 * Friendlier wording for the generic cases (missing field, wrong type, length bounds, unknown
 * fields); everything else falls back to zod's own zh-CN locale. Domain checks carry their own
 * messages and never reach this map.
 */
const localeError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '此项为必填';
      if (issue.expected === 'int' && typeof issue.input === 'number') return '应为整数';
      return `类型错误：应为${typeName(issue.expected)}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? '不能为空' : `至少 ${min} 个字符`;
      if (issue.origin === 'array') return min <= 1 ? '至少 1 项' : `至少 ${min} 项`;
      if (issue.origin === 'number') return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
      break;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `最多 ${max} 个字符`;
      if (issue.origin === 'array') return `最多 ${max} 项`;
      if (issue.origin === 'number') return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
      break;
    }
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.join('、')}`;
    default:
      break;
  }
  return zhCN.localeError(issue);
};

z.config({ localeError });

export { z };
