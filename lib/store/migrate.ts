import "server-only";
import { MIGRATIONS, type Migration, type SqlSession } from "./migrations";

// Brings a database up to the schema this code knows, on the first open of every process. Two
// instances starting at once against one PostgreSQL take turns through an advisory lock, and
// the second finds nothing left to do; so does a restart.

// Any fixed number no other program sharing the database takes with pg_advisory_lock.
const MIGRATION_LOCK_KEY = "7160016001";

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "store_migrations" (
  "id" text PRIMARY KEY NOT NULL,
  "applied_at" timestamp (3) with time zone DEFAULT now() NOT NULL
)`;

/** Applies what `migrations` has and the database lacks, in order; returns the ids applied. */
export async function migrate(
  session: SqlSession,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  await session.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
  try {
    await session.exec(BOOKKEEPING);
    const { rows } = await session.query(`SELECT "id" FROM "store_migrations"`);
    const done = new Set(rows.map((row) => String(row.id)));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await applyOne(session, migration);
      applied.push(migration.id);
    }
    return applied;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY]);
  }
}

async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  await session.exec("BEGIN");
  try {
    for (const statement of statementsOf(migration.sql)) {
      await session.exec(statement);
      await nextTurn();
    }
    await migration.backfill?.(session);
    await session.query(`INSERT INTO "store_migrations" ("id") VALUES ($1)`, [migration.id]);
    await session.exec("COMMIT");
  } catch (error) {
    await session.exec("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${migration.id} failed: ${reason}`, { cause: error });
  }
}

/**
 * A migration's statements one at a time, with the event loop's turn between them: PGlite runs a
 * script in one synchronous call (a new database's first migration took close to a second on a
 * loaded machine), and answers already streaming would stall for all of it. Our migrations end
 * each statement with a semicolon at the end of a line and never have one inside a literal.
 */
export function statementsOf(script: string): string[] {
  return script
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== "");
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
