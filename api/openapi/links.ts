/**
 * OpenAPI links (3.1 §4.8.20): from an operation's success response to the operations a client can
 * call next with a value of that response — create a signing, then read it and act on it. They make
 * the document walkable by tools (Schemathesis's stateful phase chains the calls they describe,
 * tests/contract/schemathesis.test.ts) and tell a client generator where an id comes from.
 *
 * Declared by operationId, to operationIds, with runtime expressions (`$response.body#/id`, a JSON
 * Pointer into the success body); document.ts attaches them to the route's success responses.
 * tests/unit/openapi-links.test.ts checks every target and parameter exists and every pointer names
 * a field the source's response schema documents.
 */
import { ACTIONS, PARTY_ACTIONS } from '../../domain/actions';

export interface LinkSpec {
  /** The operation the link leads to. */
  operationId: string;
  description: string;
  /** Target parameter name (optionally `path.`/`query.`-qualified) → runtime expression. */
  parameters: Readonly<Record<string, string>>;
  /** A request body for the target; string values may be runtime expressions. */
  requestBody?: Readonly<Record<string, unknown>>;
}

export type LinksByOperation = Readonly<Record<string, Readonly<Record<string, LinkSpec>>>>;

/** The operations that take a signing's id in the path, with the link name and description of each. */
const SIGNING_TARGETS: ReadonlyArray<readonly [name: string, operationId: string, description: string]> = [
  ['get', 'signing_get', '读取这条网签记录'],
  ['agreement', 'signing_agreement', '读取其协议内容'],
  ['events', 'signing_events', '读取其审计记录'],
  ['versions', 'signing_versions', '读取其协议各版本'],
  // Every party action but the student's confirmation, which carries the hash (below).
  ...PARTY_ACTIONS.filter((action) => action !== 'studentConfirm').map((action) => [action, `signing_${action}`, ACTIONS[action].label] as const),
  ['draftGet', 'draft_get', '读取协议草稿'],
  ['draftSave', 'draft_save', '分节保存协议草稿'],
  ['draftFromTemplate', 'draft_fromTemplate', '以协议模板填充草稿'],
];

/** Links from a response with a signing at `pointer` ('' = the body itself) to everything done to that signing. */
function signingLinks(pointer: string, options: { withHash: boolean }): Record<string, LinkSpec> {
  const id = `$response.body#${pointer}/id`;
  const links: Record<string, LinkSpec> = Object.fromEntries(
    SIGNING_TARGETS.map(([name, operationId, description]) => [name, { operationId, description, parameters: { 'path.id': id } }]),
  );
  // A Signing carries the current agreement's hash: the student confirms exactly that version.
  links.studentConfirm = {
    operationId: 'signing_studentConfirm',
    description: '学生确认协议（当前版本的哈希）',
    parameters: { 'path.id': id },
    ...(options.withHash ? { requestBody: { agreementHash: `$response.body#${pointer}/agreement/hash`, previewed: true } } : {}),
  };
  return links;
}

/** The operations whose success body is a Signing (docs/design.md §7). */
const SIGNING_RESPONSES = ['signing_create', 'signing_get', ...PARTY_ACTIONS.map((action) => `signing_${action}`)];

const withoutSelf = (links: Record<string, LinkSpec>, operationId: string) =>
  Object.fromEntries(Object.entries(links).filter(([, link]) => link.operationId !== operationId));

export const LINKS: LinksByOperation = {
  // A new signing has no agreement yet (its hash is null): its confirm link carries no body.
  ...Object.fromEntries(SIGNING_RESPONSES.map((op) => [op, withoutSelf(signingLinks('', { withHash: op !== 'signing_create' }), op)])),
  // Lists and desks: their first row.
  signing_list: signingLinks('/items/0', { withHash: true }),
  desk_school: signingLinks('/items/0', { withHash: false }),
  desk_employer: signingLinks('/items/0', { withHash: false }),

  template_create: {
    get: { operationId: 'template_get', description: '读取新建的模板', parameters: { 'path.id': '$response.body#/id' } },
    update: { operationId: 'template_update', description: '修改新建的模板', parameters: { 'path.id': '$response.body#/id' } },
    delete: { operationId: 'template_delete', description: '删除新建的模板', parameters: { 'path.id': '$response.body#/id' } },
  },
  template_list: {
    get: { operationId: 'template_get', description: '读取第一个模板', parameters: { 'path.id': '$response.body#/items/0/id' } },
    update: { operationId: 'template_update', description: '修改第一个模板', parameters: { 'path.id': '$response.body#/items/0/id' } },
    delete: { operationId: 'template_delete', description: '删除第一个模板', parameters: { 'path.id': '$response.body#/items/0/id' } },
  },
  template_get: {
    update: { operationId: 'template_update', description: '修改这个模板', parameters: { 'path.id': '$response.body#/id' } },
    delete: { operationId: 'template_delete', description: '删除这个模板', parameters: { 'path.id': '$response.body#/id' } },
  },
  webhook_create: {
    delete: { operationId: 'webhook_delete', description: '删除新登记的地址', parameters: { 'path.id': '$response.body#/id' } },
  },
  webhook_list: {
    delete: { operationId: 'webhook_delete', description: '删除第一个地址', parameters: { 'path.id': '$response.body#/items/0/id' } },
  },
  notification_list: {
    read: { operationId: 'notification_read', description: '将第一条通知标为已读', parameters: { 'path.id': '$response.body#/items/0/id' } },
  },
};

/** The links of an operation's success responses (undefined: none). */
export function linksOf(operationId: string): Record<string, LinkSpec> | undefined {
  const links = LINKS[operationId];
  return links && Object.keys(links).length > 0 ? { ...links } : undefined;
}
