import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { freshPgliteDataDir, removePgliteDataDirs } from "@/lib/testing/pglite-data-dir";
import { migrate } from "./migrate";
import { MIGRATIONS } from "./migrations";
import { schema } from "./schema";
import { SqlSearchRepository } from "./sql-search-repository";

// Migration 0004 indexes the messages a database had before it: a user's and an ended answer's,
// not one still streaming (indexed when it ends).

afterAll(removePgliteDataDirs);

describe("the search migration", () => {
  it("indexes the messages there were, in batches, and leaves a streaming answer for its end", {
    timeout: 120_000,
  }, async () => {
    const db = await PGlite.create(join(await freshPgliteDataDir(), "pglite"));
    try {
      const session = {
        query: (text: string, params?: unknown[]) => db.query<Record<string, unknown>>(text, params),
        exec: (script: string) => db.exec(script),
      };
      const before = MIGRATIONS.findIndex((m) => m.id === "0004_message_search");
      await migrate(session, MIGRATIONS.slice(0, before));
      await db.exec(`INSERT INTO conversations (id, owner_id, title, created_at, updated_at)
        VALUES ('c1', 'me', 'Old', now(), now()), ('c2', 'them', 'Theirs', now(), now())`);
      // More than one batch of 500.
      await db.exec(`INSERT INTO messages (conversation_id, id, owner_id, role, content, status, created_at, updated_at)
        SELECT 'c1', 'm' || lpad(i::text, 4, '0'), 'me', 'user', '第' || i || '条 旧消息 message', NULL,
          now() - (i || ' seconds')::interval, now()
        FROM generate_series(1, 1200) AS i`);
      await db.exec(`INSERT INTO messages (conversation_id, id, owner_id, role, content, status, created_at, updated_at)
        VALUES ('c1', 'live', 'me', 'assistant', '还在生成的旧消息', 'streaming', now(), now()),
               ('c2', 'x', 'them', 'user', '别人的旧消息', NULL, now(), now())`);
      expect(await migrate(session)).toEqual(MIGRATIONS.slice(before).map((m) => m.id));

      const search = new SqlSearchRepository(drizzle({ client: db, schema }));
      const hits = await search.search("me", { query: "旧消息", limit: 50 });
      expect(hits).toHaveLength(50);
      expect(hits[0]).toMatchObject({ messageId: "m0001", snippet: "第1条 旧消息 message" });
      expect(await search.search("me", { query: "第1200条" })).toMatchObject([{ messageId: "m1200" }]);
      expect(await search.search("me", { query: "还在生成" })).toEqual([]);
      expect(await search.search("them", { query: "旧消息" })).toMatchObject([{ messageId: "x" }]);
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM message_search`);
      expect(rows[0]?.n).toBe(1201);
    } finally {
      await db.close();
    }
  });
});
