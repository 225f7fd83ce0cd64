import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";

// The statements every streamed answer runs (begin-turn.ts, answer-writes.ts), kept prepared by
// name: parsed and planned once per connection, then only bound and executed. Through the query
// builder each one was built again, sent through six trips into PGlite's WASM (parse, describe,
// bind, describe, execute, sync), and its rows mapped through copied type parsers; saving an
// answer cost 25 % more server CPU than streaming it. Values go as text and rows come back as
// text, the same on both drivers: the few callers convert what they read.

/** A statement with a fixed name; its parameters are cast in its text, so each has one type. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

export type Row = (string | null)[];

export interface PreparedStatements {
  /** The statement's rows, each a list of its columns as text (null for SQL null). */
  run(statement: Statement, values: readonly (string | null)[]): Promise<Row[]>;
}

/**
 * PGlite: Bind, Execute and Sync as one message, one trip into the database. The transaction lock
 * and the query lock are taken as PGlite's own query() takes them, so a statement never runs
 * inside another caller's transaction.
 */
export async function pglitePrepared(client: PGlite): Promise<PreparedStatements> {
  const { messages, protocol } = await import("@electric-sql/pglite");
  const { serialize } = protocol;
  const prepared = new Set<string>();
  const send = (...parts: Uint8Array[]) =>
    client.execProtocolStream(concat([...parts, serialize.sync()]), { syncToFs: true });
  return {
    run: ({ name, text }, values) =>
      client._runExclusiveTransaction(() =>
        client.runExclusive(async () => {
          if (client.closed) throw new Error("PGlite is closed");
          // Parsed apart from its first run: a run that fails leaves the statement prepared.
          if (!prepared.has(name)) {
            await send(serialize.parse({ name, text, types: [] }));
            prepared.add(name);
          }
          const replies = await send(
            serialize.bind({ statement: name, values: [...values] }),
            serialize.execute({}),
          );
          return replies.flatMap((reply) =>
            reply instanceof messages.DataRowMessage ? [reply.fields as Row] : [],
          );
        }),
      ),
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** node-postgres prepares a named statement on each pooled connection the first time it runs there. */
export function postgresPrepared(pool: Pool): PreparedStatements {
  const asText = { getTypeParser: () => (value: string) => value };
  return {
    run: async ({ name, text }, values) =>
      (await pool.query<Row>({ name, text, values: [...values], rowMode: "array", types: asText })).rows,
  };
}
