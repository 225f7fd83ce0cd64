import "server-only";
import { asc, eq } from "drizzle-orm";
import { recordAdminAction } from "@/lib/admin/audit-log";
import type { AccountRole, AccountStatus } from "@/lib/store/auth-schema";
import type { StoreDatabase } from "@/lib/store/rows";
import { session, user } from "@/lib/store/schema";

// What the People page reads and changes (PROTOCOL.md section 14): every account, oldest first,
// and an admin's decisions on one. Disabling an account also ends its sessions, so its devices are
// signed out rather than merely refused.

export interface Person {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  status: AccountStatus;
  createdAt: string;
}

export interface PersonChange {
  status?: "active" | "disabled" | undefined;
  role?: AccountRole | undefined;
}

export async function listPeople(db: StoreDatabase): Promise<Person[]> {
  const rows = await db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      status: user.status,
      createdAt: user.createdAt,
    })
    .from(user)
    .orderBy(asc(user.createdAt), asc(user.id));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/**
 * Applies `change` to account `id` on behalf of admin `actorId`, with its line in the audit log
 * (lib/admin/audit-log.ts) in the same transaction; undefined when there is no such account.
 */
export async function changePerson(
  db: StoreDatabase,
  actorId: string,
  id: string,
  change: PersonChange,
): Promise<Person | undefined> {
  return db.transaction(async (tx) => {
    // Locked, so that two admins changing one account at once each log what they really changed.
    const [before] = await tx
      .select({ status: user.status, role: user.role })
      .from(user)
      .where(eq(user.id, id))
      .for("update");
    if (!before) return undefined;
    const [row] = await tx
      .update(user)
      .set({
        ...(change.status ? { status: change.status } : {}),
        // An admin is active: making someone admin approves them too.
        ...(change.role ? { role: change.role } : {}),
        ...(change.role === "admin" && !change.status ? { status: "active" as const } : {}),
        updatedAt: new Date(),
      })
      .where(eq(user.id, id))
      .returning();
    if (!row) return undefined;
    if (row.status === "disabled") await tx.delete(session).where(eq(session.userId, id));
    const after = { status: row.status, role: row.role };
    if (after.status !== before.status || after.role !== before.role) {
      await recordAdminAction(tx, { actorId, action: "account", targetId: id, before, after });
    }
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
    };
  });
}
