import { sql } from "drizzle-orm";
import { check, doublePrecision, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth-schema";

// Budgets of accounts mode (PROTOCOL.md section 17; migration 0009_budgets). What was spent is the
// usage ledger (schema.ts); these hold an admin's limits per person and the answers running now.

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

export const BUDGET_MEASURES = ["tokens_per_day", "usd_per_month"] as const;
export type BudgetMeasure = (typeof BUDGET_MEASURES)[number];

// One row per person and measure an admin set: no row is "the default", a null amount "unlimited".
export const budgetOverrides = pgTable(
  "budget_overrides",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    measure: text("measure", { enum: BUDGET_MEASURES }).notNull(),
    amount: doublePrecision("amount"),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "budget_overrides_pkey", columns: [t.userId, t.measure] }),
    check("budget_overrides_measure", sql`${t.measure} in ('tokens_per_day', 'usd_per_month')`),
    check("budget_overrides_amount", sql`${t.amount} >= 0`),
  ],
);

// An answer running now: what it holds against its owner's budgets until it settles (its usage row
// written, this row deleted). A row whose process died stops counting at its expiry.
export const budgetReservations = pgTable(
  "budget_reservations",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    tokens: doublePrecision("tokens").notNull(),
    usd: doublePrecision("usd").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("budget_reservations_user_expires").on(t.userId, t.expiresAt)],
);

export const budgetSchema = { budgetOverrides, budgetReservations };
