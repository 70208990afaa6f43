/**
 * 统一社会信用代码 positions 1 and 2: 登记管理部门代码 and, under each, its 机构类别代码.
 *
 * GB 32100-2015 §4 itself only gives examples (1 机构编制, 5 民政, 9 工商 and their categories); the
 * authorities and categories in use are the table the 全国组织机构统一社会信用代码数据服务中心 assigns
 * under the standard. Only rows found in a source are listed; a code with any other first two
 * characters is refused. Sources, per row group:
 * - [T] the table "统一社会信用代码解析登记管理部门和机构类别" (1 机构编制 … Y 其他, with every
 *   category below), as republished at https://osuse.cn/post/10002590.html and
 *   http://ddrv.cn/?p=726373 (identical text);
 * - [G] github.com/wenerme/go-gb gb32100/code.go `_orgTypeCodeName` — the same table, except that it
 *   also lists 9 其他 under 9 工商, which [T] does not: not taken;
 * - [S] GB 32100-2015 §4.1–4.2 examples as quoted by https://blog.csdn.net/zzjbj910/article/details/130641473
 *   (机构编制 1 机关 2 事业单位 3 群众团体; 民政 1 社会团体 2 民办非企业单位 3 基金会; 工商 1 企业
 *   2 个体工商户 3 农民专业合作社);
 * - [V] 5-4 村民委员会: listed ("村民委员会:54打头") in https://blog.csdn.net/Syracuse123_/article/details/127120513
 *   and https://blog.csdn.net/weixin_40187450/article/details/127888399; the same lists' 55, G1 and
 *   J1 name no meaning and are not taken.
 *
 * Pure (workflow-sandbox safe).
 */

export interface CreditCodeAuthority {
  /** 登记管理部门 */
  name: string;
  /** 机构类别代码 → 机构类别 */
  categories: Readonly<Record<string, string>>;
}

export const CREDIT_CODE_AUTHORITIES: Readonly<Record<string, CreditCodeAuthority>> = {
  // [T][G][S]
  '1': { name: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  // [T][G]
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  // [T][G]
  '3': {
    name: '司法行政',
    categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  // [T][G]
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  // [T][G][S]; 4 村民委员会 [V]
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '4': '村民委员会', '9': '其他' } },
  // [T][G]
  '6': {
    name: '旅游',
    categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  // [T][G]
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  // [T][G]
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  // [T][S] (not [G]'s 9 其他)
  '9': { name: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  // [T][G]
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  // [T][G]
  N: { name: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  // [T][G]: "不再具体划分机构类别，统一用 1 表示"
  Y: { name: '其他', categories: { '1': '其他' } },
};

/** The authority codes in the order of the table (digits, then letters). */
export const CREDIT_CODE_AUTHORITY_CODES = Object.keys(CREDIT_CODE_AUTHORITIES).sort();
