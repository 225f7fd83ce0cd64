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

// PGlite's serializer measures a text value's UTF-8 length in a JavaScript loop, a character at a
// time, before it encodes it: for an answer's content and parts, most of a save's JavaScript (and
// slow on text with CJK in it). Parameters a statement casts to text or jsonb go instead as their
// binary form, which for these two types is the UTF-8 itself (jsonb after a version byte), encoded
// by Node at native speed.
const BINARY_CAST = /\$(\d+)::(text|jsonb)\b/g;
const JSONB_VERSION = 1;

/** Per parameter ($1 first): how it goes in binary, if it may. */
function binaryForms(text: string): ("text" | "jsonb" | undefined)[] {
  const forms: ("text" | "jsonb" | undefined)[] = [];
  for (const [, index, type] of text.matchAll(BINARY_CAST))
    forms[Number(index) - 1] = type === "jsonb" ? "jsonb" : "text";
  return forms;
}

function toBinary(value: string | null, form: "text" | "jsonb" | undefined): string | null | Uint8Array {
  if (value === null || form === undefined) return value;
  if (form === "text") return Buffer.from(value, "utf8");
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(value, "utf8"));
  bytes[0] = JSONB_VERSION;
  bytes.write(value, 1, "utf8");
  return bytes;
}

/**
 * PGlite: Bind, Execute and Sync as one message, one trip into the database. The transaction lock
 * and the query lock are taken as PGlite's own query() takes them, so a statement never runs
 * inside another caller's transaction.
 */
export async function pglitePrepared(client: PGlite): Promise<PreparedStatements> {
  const { messages, protocol } = await import("@electric-sql/pglite");
  const { serialize } = protocol;
  const prepared = new Map<string, ReturnType<typeof binaryForms>>();
  const send = (...parts: Uint8Array[]) =>
    client.execProtocolStream(concat([...parts, serialize.sync()]), { syncToFs: true });
  return {
    run: ({ name, text }, values) =>
      client._runExclusiveTransaction(() =>
        client.runExclusive(async () => {
          if (client.closed) throw new Error("PGlite is closed");
          // Parsed apart from its first run: a run that fails leaves the statement prepared.
          let forms = prepared.get(name);
          if (!forms) {
            await send(serialize.parse({ name, text, types: [] }));
            forms = binaryForms(text);
            prepared.set(name, forms);
          }
          const replies = await send(
            serialize.bind({ statement: name, values: values.map((value, i) => toBinary(value, forms[i])) }),
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
