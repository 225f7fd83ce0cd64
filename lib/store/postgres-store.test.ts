import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAdminStore } from "@/lib/admin/admin-store.contract";
import { describeFirstAdmin } from "@/lib/auth/first-admin.contract";
import { openStoreInChildren } from "@/lib/testing/open-store-children";
import { type PostgresServer, postgresUnavailable, startPostgresServer } from "@/lib/testing/postgres-server";
import { ormSchemaStatements, schemaFingerprint } from "@/lib/testing/schema-fingerprint";
import { describeApiKeyRepository } from "./api-key-repository.contract";
import { describeArchiveRepository } from "./archive-repository.contract";
import { describeBudgetRepository } from "./budget-repository.contract";
import { describeConversationRepository } from "./conversation-repository.contract";
import { MIGRATIONS } from "./migrations";
import { openStore } from "./open-store";
import { describeSearchRepository } from "./search-repository.contract";
import { describeShareRepository } from "./share-repository.contract";
import { describeToolSettingsRepository } from "./tool-settings-repository.contract";

// Against a real PostgreSQL server (Debian's package; `npm run test:setup` and .ci/run install
// it): the contract, and migrations that run twice in a row and from several processes at once.

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`[postgres-store.test] ${unavailable}`);

describe.skipIf(unavailable !== undefined)("PostgreSQL", { timeout: 60_000 }, () => {
  let server: PostgresServer;
  const clients: pg.Client[] = [];
  beforeAll(async () => {
    server = await startPostgresServer();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await server?.close();
  });

  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  /** What the migrations left: the ids recorded, and the tables of the public schema. */
  async function migrated(url: string) {
    const client = await connect(url);
    const ids = await client.query(`SELECT id FROM store_migrations ORDER BY id`);
    const tables = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return { ids: ids.rows.map((row) => row.id), tables: tables.rows.map((row) => row.table_name) };
  }

  const EXPECTED = {
    ids: MIGRATIONS.map((m) => m.id),
    tables: [
      "account",
      "admin_audit",
      "api_keys",
      "budget_overrides",
      "budget_reservations",
      "conversation_tools",
      "conversations",
      "message_search",
      "messages",
      "session",
      "shares",
      "store_migrations",
      "tool_settings",
      "usage",
      "user",
      "verification",
    ],
  };

  describeToolSettingsRepository("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  describeConversationRepository("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  describeSearchRepository("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  describeShareRepository("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  describeArchiveRepository("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  describeApiKeyRepository("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  describeBudgetRepository("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  describeFirstAdmin("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  describeAdminStore("PostgreSQL", async () =>
    openStore({ kind: "postgres", url: await server.createDatabase() }),
  );

  it("migrates once, and a second start finds nothing to do and the data kept", async () => {
    const url = await server.createDatabase();
    const first = await openStore({ kind: "postgres", url });
    await first.conversations.createConversation("me", { id: "kept", title: "Kept" });
    await first.close();
    const second = await openStore({ kind: "postgres", url });
    expect((await second.conversations.getConversation("me", "kept"))?.title).toBe("Kept");
    await second.close();
    expect(await migrated(url)).toEqual(EXPECTED);
  });

  it("lets instances that start at once migrate one at a time, without an error", async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ kind: "postgres", url })));
    await Promise.all(stores.map((store) => store.close()));
    expect(await migrated(url)).toEqual(EXPECTED);
  });

  it("lets processes that start at once migrate one at a time, without an error", async () => {
    const url = await server.createDatabase();
    const outcomes = await openStoreInChildren(url, 3);
    for (const outcome of outcomes) {
      expect(outcome.output.trim()).toBe("opened");
      expect(outcome.code).toBe(0);
    }
    expect(await migrated(url)).toEqual(EXPECTED);
  });

  it("builds with its migrations the schema that schema.ts declares", async () => {
    const byMigrations = await server.createDatabase();
    await (await openStore({ kind: "postgres", url: byMigrations })).close();
    const byOrm = await connect(await server.createDatabase());
    for (const statement of await ormSchemaStatements()) await byOrm.query(statement);
    const migratedClient = await connect(byMigrations);
    const fingerprint = (client: pg.Client) =>
      schemaFingerprint(async (text) => (await client.query(text)).rows);
    expect(await fingerprint(migratedClient)).toEqual(await fingerprint(byOrm));
  });
});
