import { describe, expect, it, vi } from "vitest";
import { IMPORT_LIMIT_BYTES } from "@/lib/history/import-limit";
import type { HistoryApi } from "./history-api";
import { historyTransfer } from "./history-transfer";

describe("historyTransfer", () => {
  const file = (bytes: number) => new Blob([new Uint8Array(bytes)], { type: "application/json" });

  it("sends the file as it is, and has the list catch up once the server took it", async () => {
    const restore = vi.fn<HistoryApi["restore"]>(async () => ({
      kind: "ok",
      value: {
        imported: [
          { id: "new", sourceId: "old" },
          { id: "b", sourceId: "b" },
        ],
      },
    }));
    const imported = vi.fn();
    const sent = file(10);
    expect(await historyTransfer({ restore }, imported).importFile(sent)).toEqual({ ok: true, count: 2 });
    expect(restore).toHaveBeenCalledWith(sent);
    expect(imported).toHaveBeenCalledOnce();
  });

  it("refuses a file over the limit without sending it", async () => {
    const restore = vi.fn<HistoryApi["restore"]>();
    const imported = vi.fn();
    const outcome = await historyTransfer({ restore }, imported).importFile(file(IMPORT_LIMIT_BYTES + 1));
    expect(outcome).toMatchObject({ ok: false, code: "body_too_large" });
    expect(restore).not.toHaveBeenCalled();
    expect(imported).not.toHaveBeenCalled();
  });

  it("passes on the server's refusal, and says when there was no answer", async () => {
    const imported = vi.fn();
    const refused = historyTransfer(
      {
        restore: async () => ({
          kind: "failed",
          status: 400,
          code: "invalid_request",
          message: "version: 2 is not one this server reads (it reads 1)",
        }),
      },
      imported,
    );
    expect(await refused.importFile(file(2))).toEqual({
      ok: false,
      code: "invalid_request",
      message: "version: 2 is not one this server reads (it reads 1)",
    });
    const offline = historyTransfer({ restore: async () => ({ kind: "unreachable" }) }, imported);
    expect(await offline.importFile(file(2))).toMatchObject({ ok: false, code: "connection_lost" });
    expect(imported).not.toHaveBeenCalled();
  });
});
