/**
 * The GB/T 2260 codes of domain/region.ts as a tree (省级 → 地级 → 县级) for the portal's region
 * picker: each node has its code, its own name (`310100` 市辖区, as the data names it under 上海市)
 * and, unless it is a leaf, its children in code order. A county hangs under its 地级 code xxyy00
 * (for the municipalities the derived 市辖区/县 rows, for 省直辖 counties the xx90 group); a
 * prefecture without counties (东莞市 441900) is a leaf.
 */
import { regionCodes, regionShortName } from './region';

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
    const province = `${code.slice(0, 2)}0000`;
    const prefecture = `${code.slice(0, 4)}00`;
    // Codes are in order, so a parent is always seen before its children.
    const parent = code === province ? undefined : code === prefecture ? nodes.get(province) : (nodes.get(prefecture) ?? nodes.get(province));
    if (code !== province && !parent) throw new Error(`region tree: ${code} has no province ${province} in the data set`);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
