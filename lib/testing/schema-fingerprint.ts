import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { schema } from "@/lib/store/schema";

// Whether the migrations (lib/store/migrations.ts) build the schema the ORM declares
// (lib/store/schema.ts): build it both ways and compare what the database catalog says.

type CatalogQuery = (text: string) => Promise<Record<string, unknown>[]>;

/** The public schema as the catalog describes it: columns, constraints and indexes, in a stable order. */
export async function schemaFingerprint(query: CatalogQuery) {
  return {
    columns: await query(`
      SELECT table_name, column_name, data_type, datetime_precision, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public'
      ORDER BY table_name, column_name`),
    constraints: await query(`
      SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      ORDER BY table_name, conname`),
    indexes: await query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
      ORDER BY tablename, indexname`),
  };
}

/**
 * The SQL drizzle-kit writes for schema.ts on an empty database. It adds foreign keys before
 * the unique indexes they reference, which PostgreSQL refuses, so tables come first, then indexes.
 */
export async function ormSchemaStatements(): Promise<string[]> {
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(schema));
  const rank = (statement: string) =>
    /^\s*CREATE TABLE/i.test(statement) ? 0 : /^\s*CREATE (UNIQUE )?INDEX/i.test(statement) ? 1 : 2;
  return [...statements].sort((a, b) => rank(a) - rank(b));
}
