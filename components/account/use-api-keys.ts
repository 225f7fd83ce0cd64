"use client";

import { useCallback, useEffect, useState } from "react";
import {
  type ApiKeyInfo,
  type CreatedApiKey,
  createApiKey,
  type KeysOutcome,
  listApiKeys,
  revokeApiKey,
} from "@/lib/chat-client/api-keys-api";

// The API keys dialog's state: the account's keys (loaded when it opens), the key just made (its
// secret held only here, until the dialog closes), and what went wrong, in the server's sentence.

export interface ApiKeys {
  /** Undefined until the list has loaded. */
  keys: readonly ApiKeyInfo[] | undefined;
  created: CreatedApiKey | undefined;
  busy: boolean;
  error: string | undefined;
  create(name: string): Promise<boolean>;
  revoke(id: string): void;
}

export function useApiKeys(unreachable: string): ApiKeys {
  const [keys, setKeys] = useState<ApiKeyInfo[] | undefined>(undefined);
  const [created, setCreated] = useState<CreatedApiKey | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const failed = useCallback(
    (outcome: Extract<KeysOutcome<unknown>, { ok: false }>) => setError(outcome.message ?? unreachable),
    [unreachable],
  );

  useEffect(() => {
    let current = true;
    void listApiKeys().then((outcome) => {
      if (!current) return;
      if (outcome.ok) setKeys(outcome.value);
      else failed(outcome);
    });
    return () => {
      current = false;
    };
  }, [failed]);

  const create = useCallback(
    async (name: string) => {
      setBusy(true);
      setError(undefined);
      const outcome = await createApiKey(name);
      setBusy(false);
      if (!outcome.ok) {
        failed(outcome);
        return false;
      }
      const { key: _secret, ...info } = outcome.value;
      setCreated(outcome.value);
      setKeys((list) => [info, ...(list ?? [])]);
      return true;
    },
    [failed],
  );

  const revoke = useCallback(
    (id: string) => {
      setError(undefined);
      void revokeApiKey(id).then((outcome) => {
        if (!outcome.ok) return failed(outcome);
        setKeys((list) => list?.filter((key) => key.id !== id));
        setCreated((made) => (made?.id === id ? undefined : made));
      });
    },
    [failed],
  );

  return { keys, created, busy, error, create, revoke };
}
