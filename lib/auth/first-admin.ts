import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { LOCAL_OWNER } from "@/lib/http/owner";
import type { StoreDatabase } from "@/lib/store/rows";
import { conversations, messageSearch, shares, usage, user } from "@/lib/store/schema";

// Settles a new account that may be an admin (sign-up-policy.ts): in one transaction, serialized
// by an advisory lock so that two sign-ups at once cannot both find "no admin yet", it
//   - makes a first-admin candidate (loopback, ADMIN_EMAILS unset) the admin if none exists, and
//   - gives the first admin what the open mode's single owner ("local") had: conversations with
//     their messages, search rows, usage and share links.
// Runs after the library committed the user row (Better Auth's create.after hook), so the row is
// there to update whichever connection the transaction gets.

// Any fixed number no other program sharing the database takes (migrate.ts uses another).
const FIRST_ADMIN_LOCK_KEY = "7160016002";

export interface Settled {
  admin: boolean;
  /** Conversations moved from the open mode's owner to this account. */
  movedConversations: number;
}

export async function settleNewAccount(
  db: StoreDatabase,
  userId: string,
  options: { admin: boolean; firstAdminCandidate: boolean },
): Promise<Settled> {
  if (!options.admin && !options.firstAdminCandidate) return { admin: false, movedConversations: 0 };
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK_KEY}::bigint)`);
    const others = await tx
      .select({ id: user.id })
      .from(user)
      .where(and(eq(user.role, "admin"), ne(user.id, userId)))
      .limit(1);
    const first = others.length === 0;
    const admin = options.admin || (options.firstAdminCandidate && first);
    if (!admin) return { admin: false, movedConversations: 0 };
    if (!options.admin) {
      await tx
        .update(user)
        .set({ role: "admin", status: "active", updatedAt: new Date() })
        .where(eq(user.id, userId));
    }
    const movedConversations = first ? await takeLocalHistory(tx, userId) : 0;
    return { admin: true, movedConversations };
  });
}

type Transaction = Parameters<Parameters<StoreDatabase["transaction"]>[0]>[0];

async function takeLocalHistory(tx: Transaction, userId: string): Promise<number> {
  // A share's foreign key does not follow its conversation's owner (ON UPDATE NO ACTION): the
  // links step aside while the conversations move, and come back under the new owner, same ids.
  const links = await tx.select().from(shares).where(eq(shares.ownerId, LOCAL_OWNER));
  if (links.length > 0) await tx.delete(shares).where(eq(shares.ownerId, LOCAL_OWNER));
  // Messages follow their conversation (ON UPDATE CASCADE).
  const moved = await tx
    .update(conversations)
    .set({ ownerId: userId })
    .where(eq(conversations.ownerId, LOCAL_OWNER))
    .returning({ id: conversations.id });
  await tx.update(messageSearch).set({ ownerId: userId }).where(eq(messageSearch.ownerId, LOCAL_OWNER));
  await tx.update(usage).set({ ownerId: userId }).where(eq(usage.ownerId, LOCAL_OWNER));
  if (links.length > 0) await tx.insert(shares).values(links.map((link) => ({ ...link, ownerId: userId })));
  return moved.length;
}
