/**
 * 工作职位类别 (job category): the Ministry of Education's graduate-employment code table
 * (全国高校毕业生就业管理系统 数据结构 — 工作职位类别代码), whose two-digit groups follow the 职业分类
 * major groups (1x 专业技术, 30 办事人员, 40 商业服务, 60 生产运输, 80 军人, 90 其他). Codes are never
 * renumbered. Pure (workflow-sandbox safe).
 */
import { codeSchema, lookup, sortedCodes } from './code-list';

export const JOB_CATEGORIES = {
  '10': '公务员',
  '11': '科学研究人员',
  '13': '工程技术人员',
  '17': '农林牧渔业技术人员',
  '19': '卫生专业技术人员',
  '21': '经济业务人员',
  '22': '金融业务人员',
  '23': '法律专业人员',
  '24': '教学人员',
  '25': '文学艺术工作人员',
  '26': '体育工作人员',
  '27': '新闻出版和文化工作人员',
  '29': '其他专业技术人员',
  '30': '办事人员和有关人员',
  '40': '商业和服务业人员',
  '60': '生产和运输设备操作人员',
  '80': '军人',
  '90': '其他人员',
} as const;

export type JobCategoryCode = keyof typeof JOB_CATEGORIES;
export type JobCategoryLabel = (typeof JOB_CATEGORIES)[JobCategoryCode];

export const JOB_CATEGORY_CODES = sortedCodes(JOB_CATEGORIES);

export const jobCategorySchema = codeSchema(
  JOB_CATEGORY_CODES,
  '工作职位类别',
  `应为 ${JOB_CATEGORY_CODES.join('、')} 之一`,
);

export function jobCategoryLabel(code: string): JobCategoryLabel | undefined {
  return lookup(JOB_CATEGORIES, code);
}
