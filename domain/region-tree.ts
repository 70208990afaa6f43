/**
 * The current GB/T 2260 codes (domain/region.ts) as a tree for the portal's region picker and
 * `GET /api/codes/regions`: 省级 → 地级 → 县级, each node with its code, its own name and, unless it
 * is a leaf, its children in code order. Every node is a code the API accepts. A county hangs under
 * its 地级 code where that exists, otherwise directly under its province (a municipality's districts,
 * 省直辖 county-level cities such as 429004 仙桃市); a prefecture without counties (441900 东莞市) and
 * 台湾省/香港/澳门 are leaves.
 */
import { regionCodes, regionParent, regionShortName } from './region';

export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

export function buildRegionTree(): RegionNode[] {
  const nodes = new Map<string, RegionNode>();
  const roots: RegionNode[] = [];
  for (const code of regionCodes()) {
    const node: RegionNode = { code, name: regionShortName(code)! };
    nodes.set(code, node);
    const parentCode = regionParent(code);
    // Codes are in order, so a parent is always seen before its children.
    const parent = parentCode === undefined ? undefined : nodes.get(parentCode);
    if (parentCode !== undefined && !parent) throw new Error(`region tree: ${code} has no parent ${parentCode} in the data set`);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
