"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import { ExportMenu } from "./export-menu";

interface ConversationItemProps {
  id: string;
  title: string;
  current: boolean;
  onSelect: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
  /** The server keeps this conversation: its menu offers its exports. */
  exportable?: boolean;
}

/** A row of the sidebar: select it, rename it in place, delete it after a second click, export it. */
export function ConversationItem({
  id,
  title,
  current,
  onSelect,
  onRename,
  onDelete,
  exportable = false,
}: ConversationItemProps) {
  const t = useT();
  const [mode, setMode] = useState<"view" | "rename" | "confirm">("view");
  const view = () => setMode("view");

  if (mode === "rename") {
    return (
      <RenameField
        title={title}
        onDone={(next) => {
          if (next && next !== title) onRename(id, next);
          view();
        }}
        onCancel={view}
      />
    );
  }

  return (
    <li
      data-testid="conversation-item"
      data-current={current || undefined}
      className={`group relative flex items-center rounded-lg ${current ? "bg-neutral-200/70 dark:bg-neutral-800" : "hover:bg-neutral-100 dark:hover:bg-neutral-800/60"}`}
    >
      <button
        type="button"
        onClick={() => onSelect(id)}
        aria-current={current ? "page" : undefined}
        className="h-9 min-w-0 flex-1 truncate rounded-lg px-3 text-left text-neutral-800 text-sm focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-neutral-200"
      >
        {title}
      </button>
      {mode === "confirm" ? (
        <ConfirmDelete onDelete={() => onDelete(id)} onCancel={view} />
      ) : (
        <div
          className={`flex shrink-0 items-center pr-1 focus-within:opacity-100 group-hover:opacity-100 ${current ? "" : "[@media(hover:hover)]:opacity-0"}`}
        >
          <IconButton label={t.rename} size="sm" data-testid="rename" onClick={() => setMode("rename")}>
            <Icon name="pencil" className="size-3.5" />
          </IconButton>
          <IconButton label={t.delete} size="sm" data-testid="delete" onClick={() => setMode("confirm")}>
            <Icon name="trash" className="size-3.5" />
          </IconButton>
          {exportable && <ExportMenu id={id} />}
        </div>
      )}
    </li>
  );
}

/** The row as a text field: Enter or leaving it keeps the trimmed title, Escape keeps the old one. */
function RenameField({
  title,
  onDone,
  onCancel,
}: {
  title: string;
  onDone: (title: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState(title);
  const commit = () => onDone(draft.trim());
  return (
    <li className="px-1">
      <input
        // biome-ignore lint/a11y/noAutofocus: the reader just asked to rename this row.
        autoFocus
        value={draft}
        aria-label={t.renameLabel}
        data-testid="rename-input"
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.nativeEvent.isComposing) commit();
          if (event.key === "Escape") onCancel();
        }}
        className="h-9 w-full rounded-lg border border-brand-400 bg-white px-2 text-sm outline-none dark:bg-neutral-900"
      />
    </li>
  );
}

const SMALL = "h-7 rounded-md px-2 text-xs";

/** The second click of a delete: Delete, or Cancel. */
function ConfirmDelete({ onDelete, onCancel }: { onDelete: () => void; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="flex shrink-0 items-center gap-1 pr-1">
      <button
        type="button"
        onClick={onDelete}
        data-testid="confirm-delete"
        className={`${SMALL} bg-red-600 font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-red-500`}
      >
        {t.delete}
      </button>
      <button
        type="button"
        onClick={onCancel}
        className={`${SMALL} text-neutral-600 hover:bg-neutral-200 dark:text-neutral-300 dark:hover:bg-neutral-700`}
      >
        {t.cancel}
      </button>
    </div>
  );
}
