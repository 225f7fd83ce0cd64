import "server-only";
import { randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { StoreDatabase } from "@/lib/store/rows";
import { adminAudit, user } from "@/lib/store/schema";
import type { AdminAction, AuditEntry, AuditPage, AuditPerson, AuditState } from "./audit-entry";

// The audit log of admins' actions (PROTOCOL.md section 18): who did what to whom, when, and the
// fields before and after. A caller writes its line with the same transaction as the change, so
// the log holds a line exactly for each change that happened.

export interface AdminActionRecord {
  actorId: string;
  action: AdminAction;
  targetId: string;
  before: AuditState;
  after: AuditState;
}

/** Writes one line; pass the transaction that makes the change. Returns the line's id. */
export async function recordAdminAction(tx: StoreDatabase, record: AdminActionRecord): Promise<string> {
  const id = randomUUID();
  await tx.insert(adminAudit).values({ id, ...record });
  return id;
}

export const AUDIT_PAGE_LIMIT = 50;

const actor = alias(user, "actor");
const target = alias(user, "target");

/** The newest lines first, `limit` at a time; `before` is the previous page's `next`. */
export async function listAdminActions(
  db: StoreDatabase,
  { before: cursor, limit = AUDIT_PAGE_LIMIT }: { before?: AuditCursor | undefined; limit?: number },
): Promise<AuditPage> {
  const rows = await db
    .select({
      line: adminAudit,
      actorName: actor.name,
      actorEmail: actor.email,
      targetName: target.name,
      targetEmail: target.email,
    })
    .from(adminAudit)
    .leftJoin(actor, eq(actor.id, adminAudit.actorId))
    .leftJoin(target, eq(target.id, adminAudit.targetId))
    .where(
      cursor
        ? sql`(${adminAudit.at}, ${adminAudit.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})`
        : undefined,
    )
    .orderBy(desc(adminAudit.at), desc(adminAudit.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit).map(
    (row): AuditEntry => ({
      id: row.line.id,
      at: row.line.at.getTime(),
      actor: person(row.line.actorId, row.actorName, row.actorEmail),
      action: isAdminAction(row.line.action) ? row.line.action : "account",
      target: person(row.line.targetId, row.targetName, row.targetEmail),
      before: row.line.before,
      after: row.line.after,
    }),
  );
  const last = entries.at(-1);
  const next = rows.length > limit && last ? cursorOf(last) : null;
  return { entries, next };
}

function person(id: string, name: string | null, email: string | null): AuditPerson {
  return { id, ...(name === null ? {} : { name }), ...(email === null ? {} : { email }) };
}

function cursorOf(entry: AuditEntry): string {
  return Buffer.from(JSON.stringify([entry.at, entry.id])).toString("base64url");
}

function isAdminAction(value: string): value is AdminAction {
  return value === "account" || value === "budget" || value === "tools";
}

export interface AuditCursor {
  at: Date;
  id: string;
}

/** A page's `next` read back, or undefined for one this server did not make. */
export function parseAuditCursor(value: string): AuditCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed;
    if (typeof at !== "number" || !Number.isFinite(at) || typeof id !== "string") return undefined;
    return { at: new Date(at), id };
  } catch {
    return undefined;
  }
}
