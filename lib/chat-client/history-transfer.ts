import { IMPORT_LIMIT_BYTES } from "@/lib/history/import-limit";
import type { HistoryApi } from "./history-api";

// Importing an export file from the sidebar (PROTOCOL.md section 12). The file goes up as it is:
// the server checks it whole and says what is wrong. Too large a file is refused here first, so a
// reader is not kept waiting for an upload the server would stop.

export type TransferOutcome =
  | { ok: true; count: number }
  /** `body_too_large` (the page says it in the reader's language), or the server's code and sentence. */
  | { ok: false; code: string; message: string };

export interface HistoryTransfer {
  importFile(file: Blob): Promise<TransferOutcome>;
}

export const IMPORT_LIMIT_MB = Math.floor(IMPORT_LIMIT_BYTES / (1024 * 1024));

export function historyTransfer(api: Pick<HistoryApi, "restore">, imported: () => void): HistoryTransfer {
  return {
    async importFile(file) {
      if (file.size > IMPORT_LIMIT_BYTES) {
        return { ok: false, code: "body_too_large", message: `larger than ${IMPORT_LIMIT_BYTES} bytes` };
      }
      const outcome = await api.restore(file);
      if (outcome.kind === "unreachable") {
        return { ok: false, code: "connection_lost", message: "the server could not be reached." };
      }
      if (outcome.kind === "failed") return { ok: false, code: outcome.code, message: outcome.message };
      // The sidebar hears of the new conversations from the server, as of any other device's.
      imported();
      return { ok: true, count: outcome.value.imported.length };
    },
  };
}
