import { describe, expect, it } from "vitest";
import { migrate, statementsOf } from "./migrate";
import { MIGRATIONS, type SqlSession } from "./migrations";

// Migrations run a statement at a time, giving the event loop its turn between statements: an
// embedded database runs each call synchronously, and answers in flight must not stall for a
// whole migration.

describe("statementsOf", () => {
  it("splits every migration into its statements, none of them empty or holding another", () => {
    for (const migration of MIGRATIONS) {
      const statements = statementsOf(migration.sql);
      const ends = migration.sql.match(/;[ \t]*(?:\r?\n|$)/g) ?? [];
      expect(statements.length, migration.id).toBe(ends.length);
      for (const statement of statements) {
        expect(statement, migration.id).toMatch(/^(?:CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b/);
        expect(statement, migration.id).not.toMatch(/;\s*\n/);
      }
    }
  });

  it("keeps a last statement without a line after it", () => {
    expect(statementsOf("CREATE TABLE a (x int);\nCREATE TABLE b (y int);")).toEqual([
      "CREATE TABLE a (x int)",
      "CREATE TABLE b (y int)",
    ]);
  });
});

describe("migrate", () => {
  it("lets the event loop turn between a migration's statements", async () => {
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const calls: { text: string; turn: number }[] = [];
    const session: SqlSession = {
      query: async (text) => {
        calls.push({ text, turn: turns });
        return { rows: [] };
      },
      exec: async (text) => {
        calls.push({ text, turn: turns });
      },
    };
    const migration = {
      id: "x",
      sql: "CREATE TABLE a (x int);\nCREATE INDEX a_x ON a (x);\nCREATE TABLE b (y int);\n",
    };
    await migrate(session, [migration]);
    running = false;
    const statements = calls.filter((call) => /^CREATE (?:TABLE|INDEX) (?:a|b|a_x)\b/.test(call.text));
    expect(statements.map((call) => call.text)).toEqual(statementsOf(migration.sql));
    for (let i = 1; i < statements.length; i++) {
      expect(statements[i]?.turn).toBeGreaterThan(statements[i - 1]?.turn ?? Number.POSITIVE_INFINITY);
    }
  });
});
