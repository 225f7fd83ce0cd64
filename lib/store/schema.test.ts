import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { freshPgliteDataDir, removePgliteDataDirs } from "@/lib/testing/pglite-data-dir";
import { ormSchemaStatements, schemaFingerprint } from "@/lib/testing/schema-fingerprint";
import { migrate } from "./migrate";

// The migrations and the ORM's tables describe one schema: a migration that forgets a column, an
// index or a constraint of schema.ts (or adds one schema.ts lacks) fails here. Against PostgreSQL
// too in postgres-store.test.ts.

afterAll(removePgliteDataDirs);

describe("the store's schema", () => {
  it("is the same built by the migrations as declared by schema.ts", { timeout: 120_000 }, async () => {
    const db = await PGlite.create(join(await freshPgliteDataDir(), "pglite"));
    try {
      const query = async (text: string) => (await db.query<Record<string, unknown>>(text)).rows;
      await migrate({ query: (text, params) => db.query(text, params), exec: (script) => db.exec(script) });
      const migrated = await schemaFingerprint(query);
      expect(migrated.columns.map((c) => c.table_name)).toEqual(
        expect.arrayContaining(["conversations", "messages", "usage", "store_migrations"]),
      );
      expect(migrated.indexes.map((i) => i.indexname)).toContain("conversations_owner_updated");

      await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      for (const statement of await ormSchemaStatements()) await db.exec(statement);
      expect(migrated).toEqual(await schemaFingerprint(query));
    } finally {
      await db.close();
    }
  });
});
