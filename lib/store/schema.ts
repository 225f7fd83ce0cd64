import { sql } from "drizzle-orm";
import {
  check,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { AuditState } from "@/lib/admin/audit-entry";
import type { UIPart } from "@/lib/chat-client/types";
import type { ErrorData, FinishReason, Stats } from "@/lib/protocol/events";
import type { ToolSwitch } from "@/lib/tool-settings/tool-switch";
import { apiKeys, authSchema } from "./auth-schema";
import { budgetSchema } from "./budget-schema";
import type { SharedMessage } from "./share-repository";
import { toolSettingsSchema } from "./tool-settings-schema";

// The tables as the ORM sees them. migrations.ts creates the same ones in SQL (schema.test.ts
// holds the two together). Every row has an owner from the first migration on: "local" in the open
// mode, a browser's key with an access code, a user's id in accounts mode (auth-schema.ts).
// Timestamps the app shows or pages by are kept to the millisecond, what a JS Date holds, so a
// value read back compares equal to the one a cursor carries.

const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });
const owner = () => text("owner_id").notNull();

export const conversations = pgTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    ownerId: owner(),
    title: text("title").notNull(),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
    currentLeafId: text("current_leaf_id"),
    // What another device of the owner polls for (`since`): created, renamed, a message added,
    // another version shown, an answer interrupted, deleted. updated_at, the sidebar's order,
    // moves only when a message is added.
    changedAt: ms("changed_at").notNull().defaultNow(),
    // A deleted conversation stays a while as a tombstone (no title, no messages), so that the
    // owner's other devices hear of the deletion.
    deletedAt: ms("deleted_at"),
  },
  (t) => [
    // What messages point at: a message's owner is its conversation's.
    uniqueIndex("conversations_owner_id_id").on(t.ownerId, t.id),
    // The sidebar's keyset pages: an owner's conversations, newest first.
    index("conversations_owner_updated").on(
      t.ownerId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // A device catching up: what changed after the newest change it saw.
    index("conversations_owner_changed").on(t.ownerId, t.changedAt),
  ],
);

export const messages = pgTable(
  "messages",
  {
    conversationId: text("conversation_id").notNull(),
    id: text("id").notNull(),
    ownerId: owner(),
    parentId: text("parent_id"),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull().default(""),
    parts: jsonb("parts").$type<UIPart[]>().notNull().default([]),
    status: text("status", { enum: ["streaming", "done", "error", "stopped", "interrupted"] }),
    model: text("model"),
    reasoning: text("reasoning", { enum: ["enabled", "disabled"] }),
    // The thinking effort an answer was asked with (PROTOCOL.md section 19); null: none asked.
    effort: text("effort", { enum: ["low", "high", "max"] }),
    stats: jsonb("stats").$type<Stats>(),
    finishReason: text("finish_reason").$type<FinishReason>(),
    error: jsonb("error").$type<ErrorData>(),
    // The run that writes a streaming answer holds it until lease_expires_at; past that, with
    // no renewal, the answer is interrupted. Full precision: it is compared with now(), never shown.
    runId: text("run_id"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    // A resumable answer's stream (PROTOCOL.md section 8) while it streams: where another device
    // re-attaches. Cleared when the answer ends.
    streamId: text("stream_id"),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [
    // Loading a conversation reads its messages by this key's prefix.
    primaryKey({ name: "messages_pkey", columns: [t.conversationId, t.id] }),
    foreignKey({
      name: "messages_conversation_fk",
      columns: [t.ownerId, t.conversationId],
      foreignColumns: [conversations.ownerId, conversations.id],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    // A parent is always in the same conversation.
    foreignKey({
      name: "messages_parent_fk",
      columns: [t.conversationId, t.parentId],
      foreignColumns: [t.conversationId, t.id],
    }).onDelete("cascade"),
    index("messages_streaming_lease").on(t.leaseExpiresAt).where(sql`${t.status} = 'streaming'`),
    check("messages_role", sql`${t.role} in ('user', 'assistant')`),
    check("messages_status", sql`${t.status} in ('streaming', 'done', 'error', 'stopped', 'interrupted')`),
    check("messages_reasoning", sql`${t.reasoning} in ('enabled', 'disabled')`),
    check("messages_effort", sql`${t.effort} in ('low', 'high', 'max')`),
    check("messages_parent", sql`${t.parentId} <> ${t.id}`),
  ],
);

// The ledger: one row per answer. It outlives the conversation (deleting a chat does not undo
// what it cost), so it references messages by value, without foreign keys.
export const usage = pgTable(
  "usage",
  {
    conversationId: text("conversation_id").notNull(),
    messageId: text("message_id").notNull(),
    ownerId: owner(),
    model: text("model").notNull(),
    promptTokens: integer("prompt_tokens").notNull(),
    // Not every server reports these (docs/PROVIDER.md section 4): null is "not reported".
    cacheHitTokens: integer("cache_hit_tokens"),
    cacheMissTokens: integer("cache_miss_tokens"),
    completionTokens: integer("completion_tokens").notNull(),
    reasoningTokens: integer("reasoning_tokens"),
    totalTokens: integer("total_tokens").notNull(),
    firstByteMs: integer("first_byte_ms"),
    totalMs: integer("total_ms").notNull(),
    createdAt: ms("created_at").notNull().defaultNow(),
    // At the rates of the moment (lib/cost); null: the model had no known price.
    costUsd: doublePrecision("cost_usd"),
    costCny: doublePrecision("cost_cny"),
  },
  (t) => [
    primaryKey({ name: "usage_pkey", columns: [t.conversationId, t.messageId] }),
    index("usage_owner_created").on(t.ownerId, t.createdAt),
    // The admin's report (lib/admin/usage-report.ts): every owner's rows of a period.
    index("usage_created").on(t.createdAt),
  ],
);

/** Terms written by search-text.ts, taken as they are (a quoted tsvector literal). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => "tsvector" });

// The search index (search-text.ts): one row per message with text, added when the message is
// final (a user's at once, an answer when it ends), dropped with it.
export const messageSearch = pgTable(
  "message_search",
  {
    ownerId: owner(),
    conversationId: text("conversation_id").notNull(),
    messageId: text("message_id").notNull(),
    /** The message's, copied: results come newest first without reading the messages. */
    createdAt: ms("created_at").notNull(),
    /** The folded text a match must contain. */
    body: text("body").notNull(),
    terms: tsvector("terms").notNull(),
  },
  (t) => [
    index("message_search_terms").using("gin", t.terms),
    // Search reads an owner's newest messages first, in this order.
    index("message_search_owner_created").on(
      t.ownerId,
      t.createdAt.desc().nullsFirst(),
      t.messageId.desc().nullsFirst(),
    ),
    primaryKey({ name: "message_search_pkey", columns: [t.conversationId, t.messageId] }),
    foreignKey({
      name: "message_search_message_fk",
      columns: [t.conversationId, t.messageId],
      foreignColumns: [messages.conversationId, messages.id],
    }).onDelete("cascade"),
  ],
);

// Share links: each one a copy of a conversation's branch as it was, so that nothing the owner
// does later shows through it. It belongs to its conversation as that conversation was then
// (conversation_created_at): deleting the conversation, or deleting it and creating its id again,
// ends the link at once; the row itself goes with the conversation's tombstone.
export const shares = pgTable(
  "shares",
  {
    // 128 random bits, base64url: the link's only secret.
    id: text("id").primaryKey(),
    // The copy: the title then, and the path from the root to the leaf shown then.
    title: text("title").notNull(),
    messages: jsonb("messages").$type<SharedMessage[]>().notNull(),
    ownerId: owner(),
    conversationId: text("conversation_id").notNull(),
    conversationCreatedAt: ms("conversation_created_at").notNull(),
    createdAt: ms("created_at").notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "shares_conversation_fk",
      columns: [t.ownerId, t.conversationId],
      foreignColumns: [conversations.ownerId, conversations.id],
    }).onDelete("cascade"),
    // The owner's list, newest first; and the cascade from a purged conversation.
    index("shares_owner_created").on(t.ownerId, t.createdAt),
    index("shares_owner_conversation").on(t.ownerId, t.conversationId),
  ],
);

// Admin (issue 19): what admins did to accounts (lib/admin/audit-log.ts), newest first. Kept by
// value, without foreign keys, like the usage ledger: the record outlives what it names.
export const adminAudit = pgTable(
  "admin_audit",
  {
    id: text("id").primaryKey(),
    at: ms("at").notNull().defaultNow(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    targetId: text("target_id").notNull(),
    before: jsonb("before").$type<AuditState>().notNull(),
    after: jsonb("after").$type<AuditState>().notNull(),
  },
  (t) => [index("admin_audit_at").on(t.at.desc().nullsFirst(), t.id.desc().nullsFirst())],
);

// The tools a conversation's answers go without (PROTOCOL.md section 25), as its owner last sent
// them: another device opening the conversation shows the same switches. Goes with the conversation.
export const conversationTools = pgTable(
  "conversation_tools",
  {
    ownerId: owner(),
    conversationId: text("conversation_id").notNull(),
    toolsOff: jsonb("tools_off").$type<ToolSwitch[]>().notNull(),
    updatedAt: ms("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "conversation_tools_pkey", columns: [t.ownerId, t.conversationId] }),
    foreignKey({
      name: "conversation_tools_conversation_fk",
      columns: [t.ownerId, t.conversationId],
      foreignColumns: [conversations.ownerId, conversations.id],
    }).onDelete("cascade"),
  ],
);

/** Which migrations (migrations.ts) this database has, by id. */
export const storeMigrations = pgTable("store_migrations", {
  id: text("id").primaryKey(),
  appliedAt: ms("applied_at").notNull().defaultNow(),
});

export { account, apiKeys, session, user, verification } from "./auth-schema";
export { budgetOverrides, budgetReservations } from "./budget-schema";
export { toolSettings } from "./tool-settings-schema";

export const schema = {
  conversations,
  messages,
  usage,
  messageSearch,
  shares,
  storeMigrations,
  adminAudit,
  ...authSchema,
  apiKeys,
  ...budgetSchema,
  conversationTools,
  ...toolSettingsSchema,
};
