import type { SqlSession } from "./migrations";
import { searchDocument, tsvectorText } from "./search-text";

// Migration 0004's rows: every message already final (a user's, an answer that ended) gets its
// search row, a batch at a time in key order, inside the migration's transaction. An answer still
// streaming is indexed when it ends, like any other.

const BATCH = 500;

export async function backfillMessageSearch(session: SqlSession): Promise<void> {
  let after = ["", ""];
  for (;;) {
    const { rows } = await session.query(
      `SELECT "conversation_id", "id", "owner_id", "created_at", "content" FROM "messages"
       WHERE ("conversation_id", "id") > ($1, $2) AND "status" IS DISTINCT FROM 'streaming'
       ORDER BY "conversation_id", "id" LIMIT ${BATCH}`,
      after,
    );
    const last = rows.at(-1);
    if (!last) return;
    after = [String(last.conversation_id), String(last.id)];
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows) {
      const content = String(row.content);
      if (content.trim() === "") continue;
      const { body, terms } = searchDocument(content);
      const n = values.length;
      tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}::tsvector)`);
      values.push(row.conversation_id, row.id, row.owner_id, row.created_at, body, tsvectorText(terms));
    }
    if (tuples.length === 0) continue;
    await session.query(
      `INSERT INTO "message_search" ("conversation_id", "message_id", "owner_id", "created_at", "body", "terms")
       VALUES ${tuples.join(", ")}`,
      values,
    );
  }
}
