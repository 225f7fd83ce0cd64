import "server-only";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ArchivedMessage } from "./archive-repository";
import type { ConversationSummary, StoredMessage } from "./conversation-repository";
import type { conversations, messages, schema } from "./schema";
import { StoreError } from "./store-error";

// Between the ORM's rows and the repository's plain data: Dates become milliseconds, nulls become
// absent fields, and a page cursor is opaque to whoever holds it.

/** Either driver's database, or a transaction on it. */
export type StoreDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

export function toSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
    changedAt: row.changedAt.getTime(),
    currentLeafId: row.currentLeafId,
    ...(row.deletedAt === null ? {} : { deleted: true }),
  };
}

export function toMessage(row: MessageRow): StoredMessage {
  const message: StoredMessage = {
    id: row.id,
    parentId: row.parentId,
    role: row.role,
    content: row.content,
    parts: row.parts,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
  if (row.status !== null) message.status = row.status;
  if (row.model !== null) message.model = row.model;
  if (row.reasoning !== null) message.reasoning = row.reasoning;
  if (row.effort !== null) message.effort = row.effort;
  if (row.stats !== null) message.stats = row.stats;
  if (row.finishReason !== null) message.finishReason = row.finishReason;
  if (row.error !== null) message.error = row.error;
  if (row.streamId !== null) message.streamId = row.streamId;
  if (row.runId !== null && row.leaseExpiresAt !== null) {
    message.lease = { runId: row.runId, expiresAt: row.leaseExpiresAt.getTime() };
  }
  return message;
}

/** A message arriving whole (an import, a restore) as its row; no run of this server writes it. */
export function toMessageRow(ownerId: string, conversationId: string, message: ArchivedMessage) {
  return {
    conversationId,
    id: message.id,
    ownerId,
    parentId: message.parentId,
    role: message.role,
    content: message.content,
    parts: message.parts,
    status: message.status === "streaming" ? ("interrupted" as const) : (message.status ?? null),
    model: message.model ?? null,
    reasoning: message.reasoning ?? null,
    effort: message.effort ?? null,
    stats: message.stats ?? null,
    finishReason: message.finishReason ?? null,
    error: message.error ?? null,
    createdAt: new Date(message.createdAt),
    updatedAt: new Date(message.updatedAt),
  };
}

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters at 17 columns a message. */
export const ROWS_PER_STATEMENT = 500;

export function inChunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Where a page ended: the last row's sort key (its time, updated_at or changed_at, and id). */
interface PageCursor {
  at: Date;
  id: string;
}

export function encodeCursor({ at, id }: PageCursor): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");
}

export function decodeCursor(cursor: string): PageCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2) {
    const [time, id] = value;
    if (Number.isSafeInteger(time) && typeof id === "string") return { at: new Date(time), id };
  }
  throw new StoreError("invalid_cursor", "this page cursor was not made by this store");
}

/** The SQLSTATE of a database error, through the ORM's wrapping. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ("code" in e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export const FOREIGN_KEY_VIOLATION = "23503";
export const UNIQUE_VIOLATION = "23505";
export const CHECK_VIOLATION = "23514";
