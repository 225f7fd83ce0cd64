// The schema's history as SQL, in order, inside the code: a bundled server (.next/start.mjs, a
// Vercel function) carries it with no folder to trace. Never edit a migration that has shipped;
// add the next one. Each is first written by `npx drizzle-kit generate --dialect postgresql
// --schema lib/store/schema.ts --out <tmp>` from schema.ts, then copied here, with unique indexes
// before the foreign keys that need them; schema.test.ts fails when the two disagree.

import { backfillMessageSearch } from "./search-backfill";

/** One database session: an advisory lock belongs to the session that took it. */
export interface SqlSession {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<unknown>;
}

export interface Migration {
  /** Recorded in store_migrations once applied; ordered by this list, not by the id. */
  id: string;
  sql: string;
  /** Fills what the SQL made from the rows there are, in the same transaction: for work SQL cannot do. */
  backfill?: (session: SqlSession) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: "0001_conversations",
    sql: `
CREATE TABLE "conversations" (
  "id" text PRIMARY KEY NOT NULL,
  "owner_id" text NOT NULL,
  "title" text NOT NULL,
  "created_at" timestamp (3) with time zone NOT NULL,
  "updated_at" timestamp (3) with time zone NOT NULL,
  "current_leaf_id" text
);
CREATE UNIQUE INDEX "conversations_owner_id_id" ON "conversations" USING btree ("owner_id", "id");
CREATE INDEX "conversations_owner_updated" ON "conversations" USING btree
  ("owner_id", "updated_at" DESC NULLS FIRST, "id" DESC NULLS FIRST);

CREATE TABLE "messages" (
  "conversation_id" text NOT NULL,
  "id" text NOT NULL,
  "owner_id" text NOT NULL,
  "parent_id" text,
  "role" text NOT NULL,
  "content" text DEFAULT '' NOT NULL,
  "parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "status" text,
  "model" text,
  "reasoning" text,
  "stats" jsonb,
  "finish_reason" text,
  "error" jsonb,
  "run_id" text,
  "lease_expires_at" timestamp with time zone,
  "created_at" timestamp (3) with time zone NOT NULL,
  "updated_at" timestamp (3) with time zone NOT NULL,
  CONSTRAINT "messages_pkey" PRIMARY KEY ("conversation_id", "id"),
  CONSTRAINT "messages_role" CHECK ("messages"."role" in ('user', 'assistant')),
  CONSTRAINT "messages_status"
    CHECK ("messages"."status" in ('streaming', 'done', 'error', 'stopped', 'interrupted')),
  CONSTRAINT "messages_reasoning" CHECK ("messages"."reasoning" in ('enabled', 'disabled')),
  CONSTRAINT "messages_parent" CHECK ("messages"."parent_id" <> "messages"."id")
);
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_fk" FOREIGN KEY ("owner_id", "conversation_id")
  REFERENCES "public"."conversations" ("owner_id", "id") ON DELETE cascade ON UPDATE cascade;
ALTER TABLE "messages" ADD CONSTRAINT "messages_parent_fk" FOREIGN KEY ("conversation_id", "parent_id")
  REFERENCES "public"."messages" ("conversation_id", "id") ON DELETE cascade ON UPDATE no action;
CREATE INDEX "messages_streaming_lease" ON "messages" USING btree ("lease_expires_at")
  WHERE "messages"."status" = 'streaming';

CREATE TABLE "usage" (
  "conversation_id" text NOT NULL,
  "message_id" text NOT NULL,
  "owner_id" text NOT NULL,
  "model" text NOT NULL,
  "prompt_tokens" integer NOT NULL,
  "cache_hit_tokens" integer,
  "cache_miss_tokens" integer,
  "completion_tokens" integer NOT NULL,
  "reasoning_tokens" integer,
  "total_tokens" integer NOT NULL,
  "first_byte_ms" integer,
  "total_ms" integer NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "usage_pkey" PRIMARY KEY ("conversation_id", "message_id")
);
CREATE INDEX "usage_owner_created" ON "usage" USING btree ("owner_id", "created_at");
`,
  },
  {
    id: "0002_message_stream_id",
    sql: `ALTER TABLE "messages" ADD COLUMN "stream_id" text;`,
  },
  {
    id: "0003_conversation_changes",
    sql: `ALTER TABLE "conversations" ADD COLUMN "changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL;
UPDATE "conversations" SET "changed_at" = "updated_at";
ALTER TABLE "conversations" ADD COLUMN "deleted_at" timestamp (3) with time zone;
CREATE INDEX "conversations_owner_changed" ON "conversations" USING btree ("owner_id", "changed_at");`,
  },
  {
    id: "0004_message_search",
    sql: `CREATE TABLE "message_search" (
  "owner_id" text NOT NULL,
  "conversation_id" text NOT NULL,
  "message_id" text NOT NULL,
  "created_at" timestamp (3) with time zone NOT NULL,
  "body" text NOT NULL,
  "terms" tsvector NOT NULL,
  CONSTRAINT "message_search_pkey" PRIMARY KEY ("conversation_id", "message_id")
);
ALTER TABLE "message_search" ADD CONSTRAINT "message_search_message_fk" FOREIGN KEY ("conversation_id", "message_id")
  REFERENCES "public"."messages" ("conversation_id", "id") ON DELETE cascade ON UPDATE no action;`,
    // The terms come from search-text.ts, so the rows there are are indexed from here; the
    // indexes are built once, after them.
    backfill: async (session) => {
      await backfillMessageSearch(session);
      await session.exec(`CREATE INDEX "message_search_terms" ON "message_search" USING gin ("terms");
CREATE INDEX "message_search_owner_created" ON "message_search" USING btree
  ("owner_id", "created_at" DESC NULLS FIRST, "message_id" DESC NULLS FIRST);
ANALYZE "message_search";`);
    },
  },
  {
    id: "0005_shares",
    sql: `CREATE TABLE "shares" (
  "id" text PRIMARY KEY NOT NULL,
  "title" text NOT NULL,
  "messages" jsonb NOT NULL,
  "owner_id" text NOT NULL,
  "conversation_id" text NOT NULL,
  "conversation_created_at" timestamp (3) with time zone NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
ALTER TABLE "shares" ADD CONSTRAINT "shares_conversation_fk" FOREIGN KEY ("owner_id", "conversation_id")
  REFERENCES "public"."conversations" ("owner_id", "id") ON DELETE cascade ON UPDATE no action;
CREATE INDEX "shares_owner_created" ON "shares" USING btree ("owner_id", "created_at");
CREATE INDEX "shares_owner_conversation" ON "shares" USING btree ("owner_id", "conversation_id");`,
  },
  {
    // Accounts mode (PROTOCOL.md section 14): Better Auth's tables, made here, never by the library.
    id: "0006_accounts",
    sql: `CREATE TABLE "user" (
  "id" text PRIMARY KEY NOT NULL,
  "name" text NOT NULL,
  "email" text NOT NULL,
  "email_verified" boolean DEFAULT false NOT NULL,
  "image" text,
  "role" text DEFAULT 'user' NOT NULL,
  "status" text DEFAULT 'pending' NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "user_role" CHECK ("user"."role" in ('admin', 'user')),
  CONSTRAINT "user_status" CHECK ("user"."status" in ('pending', 'active', 'disabled'))
);
CREATE UNIQUE INDEX "user_email" ON "user" USING btree ("email");
CREATE TABLE "session" (
  "id" text PRIMARY KEY NOT NULL,
  "token" text NOT NULL,
  "user_id" text NOT NULL,
  "expires_at" timestamp (3) with time zone NOT NULL,
  "ip_address" text,
  "user_agent" text,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
CREATE UNIQUE INDEX "session_token" ON "session" USING btree ("token");
CREATE INDEX "session_user" ON "session" USING btree ("user_id");
CREATE TABLE "account" (
  "id" text PRIMARY KEY NOT NULL,
  "account_id" text NOT NULL,
  "provider_id" text NOT NULL,
  "user_id" text NOT NULL,
  "access_token" text,
  "refresh_token" text,
  "id_token" text,
  "access_token_expires_at" timestamp (3) with time zone,
  "refresh_token_expires_at" timestamp (3) with time zone,
  "scope" text,
  "password" text,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
CREATE INDEX "account_user" ON "account" USING btree ("user_id");
CREATE INDEX "account_provider" ON "account" USING btree ("provider_id", "account_id");
CREATE TABLE "verification" (
  "id" text PRIMARY KEY NOT NULL,
  "identifier" text NOT NULL,
  "value" text NOT NULL,
  "expires_at" timestamp (3) with time zone NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
CREATE INDEX "verification_identifier" ON "verification" USING btree ("identifier");
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id")
  REFERENCES "public"."user" ("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id")
  REFERENCES "public"."user" ("id") ON DELETE cascade ON UPDATE no action;`,
  },
  {
    // Personal API keys (PROTOCOL.md section 15).
    id: "0007_api_keys",
    sql: `CREATE TABLE "api_keys" (
  "id" text PRIMARY KEY NOT NULL,
  "user_id" text NOT NULL,
  "name" text NOT NULL,
  "hash" text NOT NULL,
  "start" text NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "last_used_at" timestamp (3) with time zone,
  "revoked_at" timestamp (3) with time zone
);
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("hash");
CREATE INDEX "api_keys_user_created" ON "api_keys" USING btree ("user_id", "created_at");
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_user_id_fk" FOREIGN KEY ("user_id")
  REFERENCES "public"."user" ("id") ON DELETE cascade ON UPDATE no action;`,
  },
  {
    // What each answer cost (PROTOCOL.md section 16), null where its model had no known price.
    // Rows from before stay null: their prices at the time are not recomputed.
    id: "0008_usage_cost",
    sql: `ALTER TABLE "usage" ADD COLUMN "cost_usd" double precision;
ALTER TABLE "usage" ADD COLUMN "cost_cny" double precision;`,
  },
  {
    // Budgets of accounts mode (PROTOCOL.md section 17): an admin's limits per person, and what
    // the answers running now hold against them.
    id: "0009_budgets",
    sql: `CREATE TABLE "budget_overrides" (
  "user_id" text NOT NULL,
  "measure" text NOT NULL,
  "amount" double precision,
  "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "budget_overrides_pkey" PRIMARY KEY ("user_id", "measure"),
  CONSTRAINT "budget_overrides_measure" CHECK ("budget_overrides"."measure" in ('tokens_per_day', 'usd_per_month')),
  CONSTRAINT "budget_overrides_amount" CHECK ("budget_overrides"."amount" >= 0)
);
CREATE TABLE "budget_reservations" (
  "id" text PRIMARY KEY NOT NULL,
  "user_id" text NOT NULL,
  "tokens" double precision NOT NULL,
  "usd" double precision NOT NULL,
  "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "expires_at" timestamp (3) with time zone NOT NULL
);
CREATE INDEX "budget_reservations_user_expires" ON "budget_reservations" USING btree ("user_id", "expires_at");
ALTER TABLE "budget_overrides" ADD CONSTRAINT "budget_overrides_user_id_user_id_fk" FOREIGN KEY ("user_id")
  REFERENCES "public"."user" ("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "budget_reservations" ADD CONSTRAINT "budget_reservations_user_id_user_id_fk" FOREIGN KEY ("user_id")
  REFERENCES "public"."user" ("id") ON DELETE cascade ON UPDATE no action;`,
  },
  {
    // Admin (issue 19): the audit log of admins' actions, and the index the usage report reads a
    // period of every owner's rows by.
    id: "0010_admin_audit",
    sql: `CREATE TABLE "admin_audit" (
  "id" text PRIMARY KEY NOT NULL,
  "at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  "actor_id" text NOT NULL,
  "action" text NOT NULL,
  "target_id" text NOT NULL,
  "before" jsonb NOT NULL,
  "after" jsonb NOT NULL
);
CREATE INDEX "admin_audit_at" ON "admin_audit" USING btree ("at" DESC NULLS FIRST, "id" DESC NULLS FIRST);
CREATE INDEX "usage_created" ON "usage" USING btree ("created_at");`,
  },
  {
    // The thinking effort an answer was asked with (PROTOCOL.md section 19).
    id: "0011_message_effort",
    sql: `ALTER TABLE "messages" ADD COLUMN "effort" text;
ALTER TABLE "messages" ADD CONSTRAINT "messages_effort" CHECK ("messages"."effort" in ('low', 'high', 'max'));`,
  },
  {
    // Tool settings (PROTOCOL.md section 25): each owner's and, in accounts mode, the deployment's
    // (owner "*"); and the tools a stored conversation's answers go without.
    id: "0012_tool_settings",
    sql: `CREATE TABLE "tool_settings" (
  "owner_id" text NOT NULL,
  "server" text NOT NULL,
  "tool" text NOT NULL,
  "enabled" boolean NOT NULL,
  "policy" text,
  "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "tool_settings_pkey" PRIMARY KEY ("owner_id", "server", "tool"),
  CONSTRAINT "tool_settings_policy" CHECK ("tool_settings"."policy" in ('auto', 'ask')),
  CONSTRAINT "tool_settings_server_policy" CHECK ("tool_settings"."tool" <> '' or "tool_settings"."policy" is null)
);
CREATE TABLE "conversation_tools" (
  "owner_id" text NOT NULL,
  "conversation_id" text NOT NULL,
  "tools_off" jsonb NOT NULL,
  "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "conversation_tools_pkey" PRIMARY KEY ("owner_id", "conversation_id"),
  CONSTRAINT "conversation_tools_conversation_fk" FOREIGN KEY ("owner_id", "conversation_id")
    REFERENCES "public"."conversations" ("owner_id", "id") ON DELETE cascade
);`,
  },
];
