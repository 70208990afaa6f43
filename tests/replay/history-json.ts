/**
 * History ⇄ JSON in the format Temporal's own tools write (proto3 JSON, as `temporal workflow show
 * --output json` and the UI's download give), so a fixture can also be opened with them.
 *
 * Why not historyToJSON/historyFromJSON of @temporalio/common: they check the history's reflected
 * type against their own copy of protobufjs, and npm installs a separate copy for @temporalio/proto
 * here (the root holds grpc's protobufjs 7), so both throw "type must be a Type". This does the same
 * conversion with the protobufjs copy the @temporalio/proto types were built with.
 */
import { createRequire } from 'node:module';
import proto from '@temporalio/proto';
import type { History } from '@temporalio/common/lib/proto-utils';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

const requireFromProto = createRequire(createRequire(import.meta.url).resolve('@temporalio/proto'));
const { toJson, fromJson } = requireFromProto('protobufjs/ext/protojson') as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

export function historyToJson(history: History): unknown {
  return toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history));
}

export function historyFromJson(json: unknown): History {
  // Unknown fields (a newer server's) are ignored, as @temporalio/common does.
  return fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}
