"use client";

import { type FormEvent, useState } from "react";
import { LocalTime } from "@/components/chat/local-time";
import { useT } from "@/components/i18n/locale-provider";
import { CopyField } from "@/components/ui/copy-field";
import { Icon } from "@/components/ui/icons";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { RevokeWithConfirm } from "@/components/ui/revoke-with-confirm";
import type { ApiKeyInfo, CreatedApiKey } from "@/lib/chat-client/api-keys-api";
import { useApiKeys } from "./use-api-keys";

/**
 * The account's personal API keys (PROTOCOL.md section 15), for scripts, the CLI and MCP clients:
 * name one and create it, see its secret once with a copy button, and revoke any of them.
 */
export function ApiKeysDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const keys = useApiKeys(t.apiKeysUnreachable);
  return (
    <ModalDialog testId="api-keys-dialog" titleId="api-keys-title" title={t.apiKeysTitle} onClose={onClose}>
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
    </ModalDialog>
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
      <CopyField
        value={created.key}
        label={t.apiKeyLabel}
        copyLabel={t.copyApiKey}
        copiedLabel={t.copied}
        testId="new-api-key"
        copyTestId="copy-api-key"
        surface="bg-white"
      />
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
      <RevokeWithConfirm
        question={t.confirmRevokeKey}
        testId="revoke-api-key"
        confirmTestId="confirm-revoke-api-key"
        onRevoke={() => onRevoke(apiKey.id)}
      />
    </li>
  );
}
