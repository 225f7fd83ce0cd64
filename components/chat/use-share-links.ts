"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { HistoryOutcome } from "@/lib/chat-client/history-api";
import { ShareApi, type ShareLink } from "@/lib/chat-client/share-api";

// The share dialog's state: the owner's links (loaded when it opens), the link it just made, and
// what went wrong, in the server's sentence.

export interface ShareLinks {
  /** Undefined until the list has loaded. */
  links: readonly ShareLink[] | undefined;
  /** The link made since the dialog opened. */
  created: ShareLink | undefined;
  creating: boolean;
  error: string | undefined;
  create(): void;
  revoke(id: string): void;
}

export function useShareLinks(conversationId: string, unreachable: string): ShareLinks {
  const [api] = useState(() => new ShareApi());
  const [links, setLinks] = useState<ShareLink[] | undefined>(undefined);
  const [created, setCreated] = useState<ShareLink | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const failed = useCallback(
    (outcome: Exclude<HistoryOutcome<unknown>, { kind: "ok" }>) =>
      setError(outcome.kind === "failed" ? outcome.message : unreachable),
    [unreachable],
  );

  useEffect(() => {
    let current = true;
    void api.list().then((outcome) => {
      if (!current) return;
      if (outcome.kind === "ok") setLinks(outcome.value);
      else failed(outcome);
    });
    return () => {
      current = false;
    };
  }, [api, failed]);

  const create = useCallback(() => {
    setCreating(true);
    setError(undefined);
    void api.create(conversationId).then((outcome) => {
      setCreating(false);
      if (outcome.kind !== "ok") return failed(outcome);
      setCreated(outcome.value);
      setLinks((list) => [outcome.value, ...(list ?? [])]);
    });
  }, [api, conversationId, failed]);

  const revoke = useCallback(
    (id: string) => {
      setError(undefined);
      void api.revoke(id).then((outcome) => {
        // Gone already (revoked elsewhere) is what was asked for.
        if (outcome.kind !== "ok" && !(outcome.kind === "failed" && outcome.status === 404))
          return failed(outcome);
        setLinks((list) => list?.filter((link) => link.id !== id));
        setCreated((link) => (link?.id === id ? undefined : link));
      });
    },
    [api, failed],
  );

  return useMemo(
    () => ({ links, created, creating, error, create, revoke }),
    [links, created, creating, error, create, revoke],
  );
}
