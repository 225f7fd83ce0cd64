import "server-only";
import { randomBytes } from "node:crypto";
import { and, count, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type {
  ApiKeyMatch,
  ApiKeyRepository,
  ApiKeySummary,
  CreateApiKeyResult,
  NewApiKey,
} from "./api-key-repository";
import type { StoreDatabase } from "./rows";
import { apiKeys, user } from "./schema";

// API keys on Drizzle, the same code for PGlite and node-postgres.

const SUMMARY = {
  id: apiKeys.id,
  name: apiKeys.name,
  start: apiKeys.start,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

type SummaryRow = { id: string; name: string; start: string; createdAt: Date; lastUsedAt: Date | null };

function toSummary(row: SummaryRow): ApiKeySummary {
  return { ...row, createdAt: row.createdAt.getTime(), lastUsedAt: row.lastUsedAt?.getTime() ?? null };
}

export class SqlApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: StoreDatabase) {}

  createKey(userId: string, key: NewApiKey, limit: number): Promise<CreateApiKeyResult> {
    return this.db.transaction(async (tx) => {
      // The account's row, locked: two creations at once count one after the other.
      await tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).for("update");
      const [live] = await tx
        .select({ n: count() })
        .from(apiKeys)
        .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
      if ((live?.n ?? 0) >= limit) return { ok: false, reason: "too_many" } as const;
      const [row] = await tx
        .insert(apiKeys)
        .values({ id: randomBytes(12).toString("base64url"), userId, ...key, createdAt: sql`now()` })
        .returning(SUMMARY);
      if (!row) throw new Error("the key was not stored");
      return { ok: true, key: toSummary(row) } as const;
    });
  }

  async listKeys(userId: string): Promise<ApiKeySummary[]> {
    const rows = await this.db
      .select(SUMMARY)
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    return rows.map(toSummary);
  }

  async revokeKey(userId: string, keyId: string): Promise<boolean> {
    const revoked = await this.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    return revoked.length > 0;
  }

  async findKey(hash: string): Promise<ApiKeyMatch | undefined> {
    const [row] = await this.db
      .select({
        keyId: apiKeys.id,
        revokedAt: apiKeys.revokedAt,
        lastUsedAt: apiKeys.lastUsedAt,
        user: { id: user.id, email: user.email, name: user.name, role: user.role, status: user.status },
      })
      .from(apiKeys)
      .innerJoin(user, eq(user.id, apiKeys.userId))
      .where(eq(apiKeys.hash, hash));
    if (!row) return undefined;
    return {
      keyId: row.keyId,
      revoked: row.revokedAt !== null,
      lastUsedAt: row.lastUsedAt?.getTime() ?? null,
      user: row.user,
    };
  }

  async touchKey(keyId: string, now: number, withinMs: number): Promise<void> {
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(
        and(
          eq(apiKeys.id, keyId),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now - withinMs))),
        ),
      );
  }
}
