import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// The accounts' tables (PROTOCOL.md section 14), as Better Auth's Drizzle adapter reads them: its
// four models under their own names, with our two fields on the user. migrations.ts (0006_accounts)
// creates them; the library never creates or alters a table at run time.

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

export const ACCOUNT_ROLES = ["admin", "user"] as const;
export const ACCOUNT_STATUSES = ["pending", "active", "disabled"] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const user = pgTable(
  "user",
  {
    // The owner id of everything the person keeps (conversations, shares, usage).
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    // Stored lower-cased by the library: one account per address, whatever its case.
    email: text("email").notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: text("role", { enum: ACCOUNT_ROLES }).notNull().default("user"),
    // pending: waits for an admin (SIGNUP=approval); disabled: an admin shut it.
    status: text("status", { enum: ACCOUNT_STATUSES }).notNull().default("pending"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("user_email").on(t.email),
    check("user_role", sql`${t.role} in ('admin', 'user')`),
    check("user_status", sql`${t.status} in ('pending', 'active', 'disabled')`),
  ],
);

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    // The cookie's value is this token, signed: looked up once per request.
    token: text("token").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    expiresAt: at("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("session_token").on(t.token), index("session_user").on(t.userId)],
);

// How a person signs in: `credential` (email and password, the hash in `password`) or a provider.
export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: at("access_token_expires_at"),
    refreshTokenExpiresAt: at("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [index("account_user").on(t.userId), index("account_provider").on(t.providerId, t.accountId)],
);

// Short-lived values the library checks later (OAuth state, verification tokens).
export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: at("expires_at").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [index("verification_identifier").on(t.identifier)],
);

// Personal API keys (PROTOCOL.md section 15), ours, not the library's: sha256 of the key, found by
// one lookup on its unique index; revoked keys stay, so that using one can be told apart from a typo.
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    hash: text("hash").notNull(),
    // The key's first characters, shown in its list (`dsk_` and 6 more).
    start: text("start").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    lastUsedAt: at("last_used_at"),
    revokedAt: at("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash").on(t.hash), index("api_keys_user_created").on(t.userId, t.createdAt)],
);

/** Better Auth's models, for its Drizzle adapter. */
export const authSchema = { user, session, account, verification };
