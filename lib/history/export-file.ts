import { z } from "zod";
import { efforts } from "@/lib/protocol/effort";
import { endData, errorData, finishReasons } from "@/lib/protocol/events";
import type { ArchivedConversation, ArchivedMessage } from "@/lib/store/archive-repository";
import type { ConversationTree, StoredMessage } from "@/lib/store/conversation-repository";
import { type Parsed, parseWith, uiPart } from "./history-schemas";
import { placeTrees } from "./place-trees";

// The export file (PROTOCOL.md section 12): what GET /api/export writes and POST /api/import
// reads back. Versioned: a later version may add fields; this one refuses what it cannot read,
// naming the field, before anything reaches the store.

export const EXPORT_FORMAT = "deepseek-chat-export";
export const EXPORT_VERSION = 1;

/** Deeper than any conversation needs (a tool result nested 190 levels), shallow enough for any parser. */
export const MAX_DEPTH = 200;

const id = z.string().min(1).max(100);
// Within what a Date can hold.
const time = z.number().int().min(0).max(8_640_000_000_000_000);
const text = z.string().max(2_000_000);

const archivedMessage = z.object({
  id,
  parentId: id.nullable(),
  role: z.enum(["user", "assistant"]),
  content: text,
  parts: z.array(uiPart).max(10_000),
  createdAt: time,
  updatedAt: time,
  status: z.enum(["streaming", "done", "error", "stopped", "interrupted"]).exactOptional(),
  model: z.string().max(200).exactOptional(),
  reasoning: z.enum(["enabled", "disabled"]).exactOptional(),
  effort: z.enum(efforts).exactOptional(),
  stats: endData.shape.stats.exactOptional(),
  finishReason: z.enum(finishReasons).exactOptional(),
  error: errorData.exactOptional(),
});

const archivedConversation = z.object({
  id,
  title: z.string().max(1_000),
  createdAt: time,
  updatedAt: time,
  currentLeafId: id.nullable(),
  messages: z.array(archivedMessage),
});

const exportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: time.exactOptional(),
  conversations: z.array(archivedConversation),
});

/** The file as the store restores it: checked, each tree's parents before their children. */
export function parseExportFile(body: unknown): Parsed<ArchivedConversation[]> {
  if (nestedDeeperThan(body, MAX_DEPTH)) {
    return { ok: false, message: `body: nested deeper than ${MAX_DEPTH} levels` };
  }
  const header = fileHeader(body);
  if (header) return { ok: false, message: header };
  const parsed = parseWith(exportFile, body);
  return parsed.ok ? placeTrees(parsed.value.conversations) : parsed;
}

/** Not an export at all, or a version this server does not read: said before any field. */
function fileHeader(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return `body: not a ${EXPORT_FORMAT} file (expected a JSON object)`;
  }
  const format = "format" in body ? body.format : undefined;
  const version = "version" in body ? body.version : undefined;
  if (format !== EXPORT_FORMAT) return `format: not a ${EXPORT_FORMAT} file`;
  if (version !== EXPORT_VERSION) {
    return `version: ${JSON.stringify(version) ?? "absent"} is not one this server reads (it reads ${EXPORT_VERSION})`;
  }
  return undefined;
}

/** Without recursion: a hostile file may nest a million levels. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() ?? [undefined, 0];
    if (typeof item !== "object" || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A stored conversation as the file holds it: the run's bookkeeping and sync's times left out. */
export function toArchived(tree: ConversationTree): ArchivedConversation {
  const { id, title, createdAt, updatedAt, currentLeafId } = tree;
  return { id, title, createdAt, updatedAt, currentLeafId, messages: tree.messages.map(toArchivedMessage) };
}

function toArchivedMessage({
  lease: _lease,
  streamId: _streamId,
  ...message
}: StoredMessage): ArchivedMessage {
  return message;
}
