import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ApiKeyRepository } from "./api-key-repository";
import type { ArchiveRepository } from "./archive-repository";
import type { BudgetRepository } from "./budget-repository";
import type { ConversationRepository } from "./conversation-repository";
import { createPgliteCluster } from "./create-pglite-cluster";
import { lockDataDir } from "./data-dir-lock";
import { IndexedConversationRepository } from "./indexed-conversation-repository";
import { migrate } from "./migrate";
import { type PreparedStatements, pglitePrepared, postgresPrepared } from "./prepared-statements";
import type { StoreDatabase } from "./rows";
import { schema } from "./schema";
import type { SearchRepository } from "./search-repository";
import type { ShareRepository } from "./share-repository";
import { SqlApiKeyRepository } from "./sql-api-key-repository";
import { SqlArchiveRepository } from "./sql-archive-repository";
import { SqlBudgetRepository } from "./sql-budget-repository";
import { SqlSearchRepository } from "./sql-search-repository";
import { SqlShareRepository } from "./sql-share-repository";
import { SqlToolSettingsRepository } from "./sql-tool-settings-repository";
import type { StoreConfig } from "./store-config";
import type { ToolSettingsRepository } from "./tool-settings-repository";

export { type StoreConfig, storeConfig } from "./store-config";

// The database behind the repository: PostgreSQL when DATABASE_URL names one (any: local, Neon,
// Supabase), else PGlite, the same Postgres compiled to WASM and kept under DATA_DIR. Each driver
// is imported when it is opened, so one deployment never loads the other.

export interface Store {
  readonly kind: StoreConfig["kind"];
  readonly conversations: ConversationRepository;
  readonly search: SearchRepository;
  /** Share links (PROTOCOL.md section 13). */
  readonly shares: ShareRepository;
  /** Whole conversations out and back in: export and import (PROTOCOL.md section 12). */
  readonly archive: ArchiveRepository;
  /** Personal API keys of accounts mode (PROTOCOL.md section 15). */
  readonly apiKeys: ApiKeyRepository;
  /** Budgets of accounts mode (PROTOCOL.md section 17). */
  readonly budgets: BudgetRepository;
  /** Tool settings per owner and per conversation (PROTOCOL.md section 25). */
  readonly toolSettings: ToolSettingsRepository;
  /** The ORM itself, for Better Auth's Drizzle adapter (lib/auth): accounts mode's tables. */
  readonly db: StoreDatabase;
  /** Ends the pool, or shuts PGlite down and unlocks its directory. */
  close(): Promise<void>;
}

/** The database itself, migrated: for the repositories, and for tests that look underneath. */
interface Database {
  readonly kind: StoreConfig["kind"];
  readonly db: StoreDatabase;
  /** The same database, for the statements every streamed answer runs. */
  readonly statements: PreparedStatements;
  close(): Promise<void>;
}

// PostgreSQL's default 128 MB of shared buffers is most of what an open PGlite costs (RSS about
// +300 MiB with it, +140 MiB with 16 MB), and a personal install's working set fits in far less.
// (PGlite's initialMemory cannot go below the 128 MiB its WASM module declares.)
const PGLITE_CONF = "shared_buffers = 16MB";

export async function openStore(config: StoreConfig): Promise<Store> {
  const { kind, db, statements, close } = await openDatabase(config);
  const conversations = new IndexedConversationRepository(db, statements);
  return {
    kind,
    conversations,
    search: new SqlSearchRepository(db),
    shares: new SqlShareRepository(db, conversations),
    archive: new SqlArchiveRepository(db),
    apiKeys: new SqlApiKeyRepository(db),
    budgets: new SqlBudgetRepository(db),
    toolSettings: new SqlToolSettingsRepository(db),
    db,
    close,
  };
}

export function openDatabase(config: StoreConfig): Promise<Database> {
  return config.kind === "postgres" ? openPostgres(config.url) : openPglite(config.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(join(dataDir, "pglite.lock"));
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    await createPgliteCluster(join(dataDir, "pglite"));
    const client = await PGlite.create(join(dataDir, "pglite"), { postgresqlconf: PGLITE_CONF });
    try {
      await migrate({
        query: (text, params) => client.query<Record<string, unknown>>(text, params),
        exec: (script) => client.exec(script),
      });
    } catch (error) {
      await client.close();
      throw error;
    }
    return {
      kind: "pglite",
      db: drizzle({ client, schema }),
      statements: await pglitePrepared(client),
      close: once(async () => {
        try {
          await client.close();
        } finally {
          lock.release();
        }
      }),
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({
    connectionString: url,
    max: 10,
    // An unreachable database fails a request in seconds instead of holding it.
    connectionTimeoutMillis: 5_000,
    // A statement never holds a request long: the server ends it, and the client gives up on a
    // server that stopped answering altogether (a dropped network, a frozen host).
    statement_timeout: 10_000,
    query_timeout: 15_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that breaks (a database restart) is dropped from the pool; the next query
  // opens another. Without a listener the error would end the process.
  pool.on("error", (error) => console.error(`[store] idle PostgreSQL connection: ${error.message}`));
  try {
    // The advisory lock belongs to one session, so migrations run on one connection.
    const session = await pool.connect();
    try {
      await migrate({
        query: (text, params) => session.query(text, params),
        exec: (script) => session.query(script),
      });
      session.release();
    } catch (error) {
      session.release(true);
      throw error;
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    kind: "postgres",
    db: drizzle({ client: pool, schema }),
    statements: postgresPrepared(pool),
    close: once(() => pool.end()),
  };
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}
