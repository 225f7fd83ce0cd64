import { z } from "zod";
import { efforts } from "@/lib/protocol/effort";
import { endData, errorData, finishReasons } from "@/lib/protocol/events";
import { filePart } from "@/lib/protocol/file-part";
import { imagePart } from "@/lib/protocol/image-part";
import type { ImportedConversation, PageRequest } from "@/lib/store/conversation-repository";

// The bodies and queries of the conversation routes (PROTOCOL.md section 10), checked before
// anything reaches the store. An import's messages are the client's UIMessage (lib/chat-client/types.ts).

const id = z.string().min(1).max(100);
const time = z.number().int().nonnegative();
const MAX_TITLE = 200;
/** The spec's batch: the UI sends more in several requests. */
export const MAX_IMPORT = 200;

export const uiPart = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("reasoning"),
    text: z.string(),
    startedAt: time,
    endedAt: time.exactOptional(),
  }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({
    type: z.literal("tool"),
    id: z.string(),
    name: z.string(),
    server: z.string().exactOptional(),
    arguments: z.record(z.string(), z.unknown()),
    raw_arguments: z.string().exactOptional(),
    status: z.enum(["pending", "done", "failed"]),
    approval: z.enum(["pending", "allow", "deny", "timeout"]).exactOptional(),
    result: z.unknown().exactOptional(),
    error: z.string().exactOptional(),
    startedAt: time,
    endedAt: time.exactOptional(),
  }),
  z.object({
    type: z.literal("error"),
    message: z.string(),
    code: z.string().exactOptional(),
    finish_reason: z.enum(finishReasons).exactOptional(),
  }),
  filePart,
  imagePart,
]);

const importedMessage = z.object({
  id,
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  parts: z.array(uiPart),
  createdAt: time,
  status: z.enum(["streaming", "done", "error", "stopped", "interrupted"]).exactOptional(),
  model: z.string().exactOptional(),
  reasoning: z.enum(["enabled", "disabled"]).exactOptional(),
  effort: z.enum(efforts).exactOptional(),
  stats: endData.shape.stats.exactOptional(),
  finishReason: z.enum(finishReasons).exactOptional(),
  error: errorData.exactOptional(),
});

const importedConversation = z
  .object({
    id,
    title: z.string().max(1_000),
    createdAt: time,
    updatedAt: time,
    messages: z.array(importedMessage),
  })
  .refine((c) => new Set(c.messages.map((m) => m.id)).size === c.messages.length, {
    message: "message ids repeat",
    path: ["messages"],
  });

/**
 * One long conversation can be larger than a chat request may be: the import takes up to 8 times
 * BODY_LIMIT_BYTES (8 MB by default), and no more than 8 MB, under the 10 MB that Next's proxy
 * reads of a request body; and never less than a chat request with its images may be
 * (`chatBodyLimitBytes`, PROTOCOL.md section 20), so a conversation whose images a model could read
 * in one request can come back. The client sends batches of about 500 kB and one conversation alone
 * when it must; one the server still refuses stays in that browser (lib/chat-client/history-import.ts).
 */
export function importLimitBytes(bodyLimitBytes: number, chatBodyLimitBytes = bodyLimitBytes): number {
  return Math.max(chatBodyLimitBytes, bodyLimitBytes, Math.min(8 * bodyLimitBytes, 8_000_000));
}

export const importBody = z.object({ conversations: z.array(importedConversation).max(MAX_IMPORT) });

export const patchBody = z
  .object({ title: z.string().trim().min(1).max(MAX_TITLE).optional(), currentLeafId: id.optional() })
  .refine((body) => body.title !== undefined || body.currentLeafId !== undefined, {
    message: "send title or currentLeafId",
  });

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).max(200).optional(),
  since: z.coerce.number().int().nonnegative().optional(),
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join(".") || "body";
  return { ok: false, message: `${field}: ${issue?.message ?? "invalid"}` };
}

export function parseListQuery(params: URLSearchParams): Parsed<PageRequest> {
  const raw: Record<string, string> = {};
  for (const name of ["limit", "cursor", "since"]) {
    const value = params.get(name);
    if (value !== null) raw[name] = value;
  }
  const parsed = parseWith(listQuery, raw);
  if (!parsed.ok) return parsed;
  const { limit, cursor, since } = parsed.value;
  return {
    ok: true,
    value: {
      ...(limit === undefined ? {} : { limit }),
      ...(cursor === undefined ? {} : { cursor }),
      ...(since === undefined ? {} : { since }),
    },
  };
}

export function parseImport(body: unknown): Parsed<ImportedConversation[]> {
  const parsed = parseWith(importBody, body);
  return parsed.ok ? { ok: true, value: parsed.value.conversations } : parsed;
}
