"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import { LocalTime } from "@/components/chat/local-time";
import { useT } from "@/components/i18n/locale-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import type { ApiKeyInfo, CreatedApiKey } from "@/lib/chat-client/api-keys-api";
import { useApiKeys } from "./use-api-keys";

const SMALL = "h-7 shrink-0 rounded-md px-2 text-xs";

/**
 * The account's personal API keys (PROTOCOL.md section 15), for scripts, the CLI and MCP clients:
 * name one and create it, see its secret once with a copy button, and revoke any of them.
 */
export function ApiKeysDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const keys = useApiKeys(t.apiKeysUnreachable);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop; the keyboard has Escape.
    <dialog
      ref={ref}
      data-testid="api-keys-dialog"
      aria-labelledby="api-keys-title"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-2xl border border-neutral-200 bg-white p-0 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:border-neutral-800 dark:bg-neutral-900 dark:text-neutral-100"
    >
      <div className="space-y-4 p-5">
        <header className="flex items-center gap-2">
          <h2 id="api-keys-title" className="flex-1 font-semibold text-base">
            {t.apiKeysTitle}
          </h2>
          <IconButton label={t.close} size="sm" onClick={() => ref.current?.close()}>
            <Icon name="close" className="size-4" />
          </IconButton>
        </header>
        <p className="text-neutral-600 text-sm dark:text-neutral-400">{t.apiKeysIntro}</p>
        {keys.created ? (
          <NewKey created={keys.created} />
        ) : (
          <CreateKeyForm busy={keys.busy} onCreate={keys.create} />
        )}
        {keys.error && (
          <p role="alert" data-testid="api-keys-error" className="text-red-600 text-sm dark:text-red-400">
            {keys.error}
          </p>
        )}
        <KeyList keys={keys.keys} onRevoke={keys.revoke} />
      </div>
    </dialog>
  );
}

function CreateKeyForm({ busy, onCreate }: { busy: boolean; onCreate: (name: string) => Promise<boolean> }) {
  const t = useT();
  const [name, setName] = useState("");
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy && name.trim() !== "" && (await onCreate(name.trim()))) setName("");
  };
  return (
    <form onSubmit={submit} className="flex items-end gap-2">
      <label className="min-w-0 flex-1 text-sm">
        <span className="mb-1 block font-medium text-neutral-700 dark:text-neutral-300">
          {t.apiKeyNameLabel}
        </span>
        <input
          data-testid="api-key-name"
          required
          maxLength={60}
          value={name}
          placeholder={t.apiKeyNamePlaceholder}
          onChange={(event) => setName(event.target.value)}
          className="h-9 w-full rounded-lg border border-neutral-300 bg-white px-3 text-sm dark:border-neutral-700 dark:bg-neutral-950"
        />
      </label>
      <button
        type="submit"
        data-testid="create-api-key"
        disabled={busy}
        className="inline-flex h-9 shrink-0 items-center gap-2 rounded-lg bg-brand-600 px-4 font-medium text-sm text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2 disabled:opacity-50"
      >
        <Icon name="key" className="size-4" />
        {busy ? t.working : t.createApiKey}
      </button>
    </form>
  );
}

/** The key just made: its secret, shown this once, to select or copy. */
function NewKey({ created }: { created: CreatedApiKey }) {
  const t = useT();
  return (
    <div className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-3 dark:border-amber-700/60 dark:bg-amber-950/30">
      <p className="flex items-start gap-1.5 text-sm">
        <Icon name="key" className="mt-0.5 size-4 shrink-0 text-amber-600" />
        {t.apiKeyShownOnce(created.name)}
      </p>
      <div className="flex items-center gap-2">
        <input
          readOnly
          value={created.key}
          aria-label={t.apiKeyLabel}
          data-testid="new-api-key"
          onFocus={(event) => event.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-lg border border-neutral-300 bg-white px-3 font-mono text-xs dark:border-neutral-700 dark:bg-neutral-950"
        />
        <CopyButton
          text={created.key}
          label={t.copyApiKey}
          copiedLabel={t.copied}
          showLabel
          testId="copy-api-key"
          className="h-9 shrink-0 border border-neutral-300 bg-white dark:border-neutral-700 dark:bg-neutral-950"
        />
      </div>
    </div>
  );
}

function KeyList({
  keys,
  onRevoke,
}: {
  keys: readonly ApiKeyInfo[] | undefined;
  onRevoke: (id: string) => void;
}) {
  const t = useT();
  return (
    <section
      aria-labelledby="api-key-list-title"
      className="border-neutral-200 border-t pt-4 dark:border-neutral-800"
    >
      <h3 id="api-key-list-title" className="mb-2 font-medium text-neutral-700 text-sm dark:text-neutral-300">
        {t.yourApiKeys}
      </h3>
      {keys === undefined ? (
        <p data-testid="api-keys-loading" className="text-neutral-500 text-sm">
          {t.loading}
        </p>
      ) : keys.length === 0 ? (
        <p className="text-neutral-500 text-sm">{t.noApiKeys}</p>
      ) : (
        <ul data-testid="api-key-list" className="max-h-64 space-y-1 overflow-y-auto">
          {keys.map((key) => (
            <KeyRow key={key.id} apiKey={key} onRevoke={onRevoke} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One key: its name and first characters, when made and last used; revoke after a second click. */
function KeyRow({ apiKey, onRevoke }: { apiKey: ApiKeyInfo; onRevoke: (id: string) => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <li
      data-testid="api-key-item"
      data-key-id={apiKey.id}
      className="flex items-center gap-2 rounded-lg px-2 py-1.5 hover:bg-neutral-100 dark:hover:bg-neutral-800/60"
    >
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm">
          {apiKey.name}{" "}
          <code className="text-neutral-500 text-xs dark:text-neutral-400">{apiKey.start}…</code>
        </p>
        <p className="truncate text-neutral-500 text-xs dark:text-neutral-400">
          {t.apiKeyCreated} <LocalTime ms={apiKey.createdAt} /> ·{" "}
          {apiKey.lastUsedAt === null ? (
            t.apiKeyNeverUsed
          ) : (
            <>
              {t.apiKeyLastUsed} <LocalTime ms={apiKey.lastUsedAt} />
            </>
          )}
        </p>
      </div>
      {confirming ? (
        <>
          <span className="hidden text-neutral-600 text-xs sm:inline dark:text-neutral-300">
            {t.confirmRevokeKey}
          </span>
          <button
            type="button"
            data-testid="confirm-revoke-api-key"
            onClick={() => onRevoke(apiKey.id)}
            className={`${SMALL} bg-red-600 font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-red-500`}
          >
            {t.revoke}
          </button>
          <button
            type="button"
            onClick={() => setConfirming(false)}
            className={`${SMALL} text-neutral-600 hover:bg-neutral-200 dark:text-neutral-300 dark:hover:bg-neutral-700`}
          >
            {t.cancel}
          </button>
        </>
      ) : (
        <button
          type="button"
          data-testid="revoke-api-key"
          onClick={() => setConfirming(true)}
          className={`${SMALL} text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40`}
        >
          {t.revoke}
        </button>
      )}
    </li>
  );
}
