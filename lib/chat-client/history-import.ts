import type { HistoryApi, HistoryFailure, HistoryUnreachable } from "./history-api";
import type { Conversation, UIMessage } from "./types";

// The one-time move: conversations an earlier version kept in this browser's IndexedDB go to the
// server, into this browser's owner only. The flag is set after every batch succeeded, and nothing
// local is deleted: a failed move is tried again on the next load, and imports are idempotent by id.
// A batch the server refuses for what it holds (too large, or a conversation it cannot read) is
// halved until the one conversation at fault is alone; that one stays in this browser only, and the
// rest move: one bad conversation must not make every later load send them all again.

export const IMPORT_BATCH = 200;
/** Under the server's default body limit (1 MB), with room to spare. */
export const IMPORT_BATCH_BYTES = 500_000;

export interface ImportFlag {
  done(): Promise<boolean>;
  set(): Promise<void>;
}

export type ImportOutcome =
  | { kind: "already" }
  | { kind: "moved"; imported: number; skipped: number; refused: string[] }
  | HistoryFailure
  | HistoryUnreachable;

export async function importLocalHistory(
  api: Pick<HistoryApi, "import">,
  local: () => Promise<Conversation[]>,
  flag: ImportFlag,
): Promise<ImportOutcome> {
  if (await flag.done()) return { kind: "already" };
  const moved = { imported: 0, skipped: 0, refused: [] as string[] };
  for (const batch of batches((await local()).map(forImport))) {
    const failure = await send(api, batch, moved);
    if (failure) return failure;
  }
  await flag.set();
  if (moved.refused.length > 0) {
    console.warn(`[history] kept in this browser only, the server refused them: ${moved.refused.join(", ")}`);
  }
  return { kind: "moved", ...moved };
}

/** Sends a batch, halving it while the server refuses what it holds; a failure to retry later. */
async function send(
  api: Pick<HistoryApi, "import">,
  batch: Conversation[],
  moved: { imported: number; skipped: number; refused: string[] },
): Promise<HistoryFailure | HistoryUnreachable | undefined> {
  const outcome = await api.import(batch);
  if (outcome.kind === "ok") {
    moved.imported += outcome.value.imported.length;
    moved.skipped += outcome.value.skipped.length;
    return undefined;
  }
  if (outcome.kind === "unreachable" || !REFUSED.has(outcome.status)) return outcome;
  if (batch.length === 1) {
    moved.refused.push(...batch.map((c) => c.id));
    return undefined;
  }
  const half = Math.ceil(batch.length / 2);
  return (await send(api, batch.slice(0, half), moved)) ?? send(api, batch.slice(half), moved);
}

/** Too large (413) or not readable (400): sending it again will not help. */
const REFUSED = new Set([400, 413]);

/** Oldest first, at most IMPORT_BATCH conversations and about IMPORT_BATCH_BYTES of JSON each. */
export function batches(conversations: Conversation[]): Conversation[][] {
  const sorted = [...conversations].sort((a, b) => a.updatedAt - b.updatedAt);
  const result: Conversation[][] = [];
  let batch: Conversation[] = [];
  let bytes = 0;
  const encoder = new TextEncoder();
  for (const conversation of sorted) {
    const size = encoder.encode(JSON.stringify(conversation)).length;
    if (batch.length > 0 && (batch.length >= IMPORT_BATCH || bytes + size > IMPORT_BATCH_BYTES)) {
      result.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(conversation);
    bytes += size;
  }
  if (batch.length > 0) result.push(batch);
  return result;
}

/** What the server keeps: no resume point or connection state, which belonged to this tab. */
function forImport(conversation: Conversation): Conversation {
  const messages = conversation.messages.map(
    ({ resume: _resume, reconnecting: _reconnecting, ...m }): UIMessage => m,
  );
  return { ...conversation, messages };
}
