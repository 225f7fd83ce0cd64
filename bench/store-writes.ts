import pg from "pg";

// How many statements that change data an answer costs, counted by PostgreSQL itself
// (pg_stat_statements, preloaded in the benchmark's server) so that the product carries no counter.
// The counting is pure and tested; the bound is the one section 10 of PROTOCOL.md promises.

export interface StatementRow {
  query: string;
  calls: number;
}

export interface WriteCount {
  /** Answers the count covers. */
  answers: number;
  /** Write statements per answer, all tables. */
  perAnswer: number;
  /** Per answer, by verb and table ("update messages": 3.0). */
  byStatement: Record<string, number>;
  /** The most the bound allows for these answers (see writeBound). */
  bound: number;
  boundText: string;
}

const WRITE = /\b(insert\s+into|update|delete\s+from)\s+"?([\w.]+)"?/gi;
/** `on conflict … do update` is its insert's, `for update` a read's lock: neither writes a table. */
const NOT_A_WRITE = /\b(do|for)\s+$/i;

/**
 * "insert conversations", "update messages", …, or for a statement that writes in its WITH too,
 * each of its writes ("update messages + insert usage"); undefined for one that writes nothing.
 */
export function writeKind(query: string): string | undefined {
  const kinds = [...query.matchAll(WRITE)]
    .filter((match) => !NOT_A_WRITE.test(query.slice(0, match.index)))
    .map((match) => {
      const verb = (match[1] ?? "").split(/\s+/)[0]?.toLowerCase() ?? "";
      return `${verb} ${(match[2] ?? "").replace(/^public\./, "")}`;
    });
  return kinds.length > 0 ? kinds.join(" + ") : undefined;
}

/**
 * Per stored answer, for a new conversation (PROTOCOL.md section 10): the turn, one statement (the
 * conversation row with its leaf, the question and the answer, the question's search row); a save
 * at least every 2 s while it streams (ceil(seconds / 2)) and one per tool result; the last save,
 * which writes the usage row and the answer's search row (PROTOCOL.md section 11) with it.
 */
export function writeBound(answerSeconds: number, toolResults = 0): { bound: number; text: string } {
  const saves = Math.ceil(answerSeconds / 2);
  return {
    bound: 1 + saves + toolResults + 1,
    text: `1 turn (conversation, question, answer) + ceil(${answerSeconds} s / 2) = ${saves} saves + ${toolResults} tool results + 1 last save with usage and search rows`,
  };
}

export function countWrites(
  rows: StatementRow[],
  answers: number,
  answerSeconds: number,
  toolResults = 0,
): WriteCount {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const kind = writeKind(row.query);
    if (kind) totals.set(kind, (totals.get(kind) ?? 0) + row.calls);
  }
  const per = (n: number) => (answers > 0 ? Math.round((n / answers) * 100) / 100 : Number.NaN);
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  const { bound, text } = writeBound(answerSeconds, toolResults);
  return {
    answers,
    perAnswer: per(total),
    byStatement: Object.fromEntries([...totals].sort().map(([kind, n]) => [kind, per(n)])),
    bound,
    boundText: text,
  };
}

/** The server's statement counts for one database, from zero at `reset`. */
export class StatementCounter {
  constructor(private readonly url: string) {}

  private async query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  async reset(): Promise<void> {
    await this.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await this.query("SELECT pg_stat_statements_reset()");
  }

  async read(): Promise<StatementRow[]> {
    const rows = await this.query<{ query: string; calls: string }>(
      "SELECT query, calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    return rows.map((row) => ({ query: row.query, calls: Number(row.calls) }));
  }
}
