import { sql } from "drizzle-orm";
import { boolean, check, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Tool settings (PROTOCOL.md section 25; migration 0012_tool_settings): per owner, a server or one
// of its tools switched off, a tool's policy tightened to `ask`, or an `ask` tool always allowed.
// The deployment layer of accounts mode is the owner DEPLOYMENT_OWNER (no user id, key hash or
// "local" can be "*"). A row exists only while it says something: the default is no row.

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

export const toolSettings = pgTable(
  "tool_settings",
  {
    ownerId: text("owner_id").notNull(),
    server: text("server").notNull(),
    // "": the whole server.
    tool: text("tool").notNull(),
    enabled: boolean("enabled").notNull(),
    policy: text("policy", { enum: ["auto", "ask"] }),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // An answer reads its owner's rows and the deployment's by this key's prefix.
    primaryKey({ name: "tool_settings_pkey", columns: [t.ownerId, t.server, t.tool] }),
    check("tool_settings_policy", sql`${t.policy} in ('auto', 'ask')`),
    // A policy is a tool's, never a whole server's.
    check("tool_settings_server_policy", sql`${t.tool} <> '' or ${t.policy} is null`),
  ],
);

export const toolSettingsSchema = { toolSettings };
