import "server-only";
import { finishReasons } from "@/lib/protocol/events";
import type { MessageRole, MessageStatus, ReasoningMode, StoredMessage } from "./conversation-repository";
import type { PreparedStatements, Row, Statement } from "./prepared-statements";

// The path from the root to a message: what goes to the model for a turn that continues a
// conversation (begin-turn.ts), read before every such answer, so it is a prepared statement
// (prepared-statements.ts). The walk up runs in the database, by primary key, so a conversation's
// other branches are never read. Times come as milliseconds since the epoch, JSON as its text.

const MS = (column: string) => `floor(extract(epoch from m.${column}) * 1000)::bigint`;

const path: Statement = {
  name: "path_to",
  text: `with recursive up (id, parent_id, depth) as (
      select id, parent_id, 0 from messages
      where conversation_id = $1::text and owner_id = $2::text and id = $3::text
    union all
      select m.id, m.parent_id, up.depth + 1 from messages m join up on m.id = up.parent_id
      where m.conversation_id = $1::text
    )
    select m.id, m.parent_id, m.role, m.content, m.parts::text, m.status, m.model, m.reasoning,
      m.stats::text, m.finish_reason, m.error::text, m.run_id, ${MS("lease_expires_at")}, m.stream_id,
      ${MS("created_at")}, ${MS("updated_at")}
    from up join messages m on m.conversation_id = $1::text and m.id = up.id and m.owner_id = $2::text
    order by up.depth desc`,
};

/**
 * The messages from the root to `leafId`, oldest first; empty when the leaf is not this owner's
 * (or a message on the way up is not: a path is the owner's whole, or nothing).
 */
export async function pathTo(
  statements: PreparedStatements,
  ownerId: string,
  conversationId: string,
  leafId: string,
): Promise<StoredMessage[]> {
  const rows = await statements.run(path, [conversationId, ownerId, leafId]);
  const messages = rows.map(toMessage);
  // Walked from the leaf: each message's parent is the one before it, up to the root.
  const whole =
    messages[0]?.parentId === null && messages.every((m, i) => i === 0 || m.parentId === messages[i - 1]?.id);
  return whole ? messages : [];
}

const ROLES: readonly MessageRole[] = ["user", "assistant"];
const STATUSES: readonly MessageStatus[] = ["streaming", "done", "error", "stopped", "interrupted"];
const REASONING: readonly ReasoningMode[] = ["enabled", "disabled"];

function oneOf<T extends string>(list: readonly T[], value: string | null | undefined): T | undefined {
  return list.find((item) => item === value);
}

function toMessage(row: Row): StoredMessage {
  const [id, parentId, role, content, parts, status, model, reasoning, stats] = row;
  const [finishReason, error, runId, leaseExpiresAt, streamId, createdAt, updatedAt] = row.slice(9);
  const message: StoredMessage = {
    id: id ?? "",
    parentId: parentId ?? null,
    role: oneOf(ROLES, role) ?? "user",
    content: content ?? "",
    parts: JSON.parse(parts ?? "[]"),
    createdAt: Number(createdAt),
    updatedAt: Number(updatedAt),
  };
  const known = {
    status: oneOf(STATUSES, status),
    reasoning: oneOf(REASONING, reasoning),
    finishReason: oneOf(finishReasons, finishReason),
  };
  if (known.status) message.status = known.status;
  if (model != null) message.model = model;
  if (known.reasoning) message.reasoning = known.reasoning;
  if (stats != null) message.stats = JSON.parse(stats);
  if (known.finishReason) message.finishReason = known.finishReason;
  if (error != null) message.error = JSON.parse(error);
  if (streamId != null) message.streamId = streamId;
  if (runId != null && leaseExpiresAt != null) message.lease = { runId, expiresAt: Number(leaseExpiresAt) };
  return message;
}
