import type { HistoryApi, HistoryFailure, HistoryUnreachable } from "./history-api";
import type { Conversation, UIMessage } from "./types";

// The one-time move: conversations an earlier version kept in this browser's IndexedDB go to the
// server, into this browser's owner only. The flag is set after every batch succeeded, and nothing
// local is deleted: a failed move is tried again on the next load, and imports are idempotent by id.

export const IMPORT_BATCH = 200;
/** Under the server's default body limit (1 MB), with room to spare. */
export const IMPORT_BATCH_BYTES = 500_000;

export interface ImportFlag {
  done(): Promise<boolean>;
  set(): Promise<void>;
}

export type ImportOutcome =
  | { kind: "already" }
  | { kind: "moved"; imported: number; skipped: number }
  | HistoryFailure
  | HistoryUnreachable;

export async function importLocalHistory(
  api: Pick<HistoryApi, "import">,
  local: () => Promise<Conversation[]>,
  flag: ImportFlag,
): Promise<ImportOutcome> {
  if (await flag.done()) return { kind: "already" };
  let imported = 0;
  let skipped = 0;
  for (const batch of batches((await local()).map(forImport))) {
    const outcome = await api.import(batch);
    if (outcome.kind !== "ok") return outcome;
    imported += outcome.value.imported.length;
    skipped += outcome.value.skipped.length;
  }
  await flag.set();
  return { kind: "moved", imported, skipped };
}

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
