"use client";

import { useRef, useState } from "react";
import type { Dictionary } from "@/components/i18n/dictionary";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { EXPORT_ALL_URL } from "@/lib/chat-client/export-links";
import {
  type HistoryTransfer,
  IMPORT_LIMIT_MB,
  type TransferOutcome,
} from "@/lib/chat-client/history-transfer";

const ACTION =
  "flex h-8 min-w-0 flex-1 items-center justify-center gap-1.5 rounded-lg px-2 text-neutral-600 text-xs hover:bg-neutral-200/70 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-50 dark:text-neutral-300 dark:hover:bg-neutral-800";

/**
 * The sidebar's foot: everything as one export file, and an export file back in. What the import
 * did is said under the buttons, and to screen readers, until the next one.
 */
export function SidebarTransfer({ transfer }: { transfer: HistoryTransfer }) {
  const t = useT();
  const picker = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TransferOutcome | null>(null);

  const importFile = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await transfer.importFile(file));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="border-neutral-200 border-t px-2 pt-2 dark:border-neutral-800">
      <div className="flex gap-1">
        <a href={EXPORT_ALL_URL} download data-testid="export-all" className={ACTION}>
          <Icon name="download" className="size-3.5 shrink-0" />
          <span className="truncate">{t.exportAll}</span>
        </a>
        <button
          type="button"
          disabled={busy}
          onClick={() => picker.current?.click()}
          data-testid="import-button"
          className={ACTION}
        >
          <Icon name={busy ? "spinner" : "upload"} className="size-3.5 shrink-0" />
          <span className="truncate">{busy ? t.importing : t.importFile}</span>
        </button>
        <input
          ref={picker}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // The same file may be picked again later.
            event.target.value = "";
            if (file) void importFile(file);
          }}
        />
      </div>
      <p
        role="status"
        data-testid="import-notice"
        data-outcome={outcome ? (outcome.ok ? "ok" : "failed") : undefined}
        className={`px-2 pt-1 text-xs leading-relaxed empty:hidden ${outcome?.ok === false ? "text-red-700 dark:text-red-400" : "text-neutral-500 dark:text-neutral-400"}`}
      >
        {outcome && noticeText(outcome, t)}
      </p>
    </div>
  );
}

function noticeText(outcome: TransferOutcome, t: Dictionary): string {
  if (outcome.ok) return t.imported(outcome.count);
  if (outcome.code === "body_too_large") return t.importTooLarge(IMPORT_LIMIT_MB);
  return t.importFailed(outcome.message);
}
