"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { loadPreference, savePreference } from "@/lib/chat-client/preferences";
import { loadTools, type ServerView, withSwitch } from "@/lib/chat-client/tools-api";
import type { ToolSwitch } from "@/lib/tool-settings/tool-switch";

// The composer's tools menu (PROTOCOL.md section 25): which servers and tools the open conversation
// goes without. Sent with each question as `tools_off`; with the server's history the server keeps
// the last list sent with the conversation (another device opens it so), and this browser keeps
// its own copy per conversation either way, so the menu shows it before the server answers.

export interface ConversationTools {
  /** The servers whose tools the owner's settings offer (the menu's rows). */
  servers: readonly ServerView[];
  toolsOff: readonly ToolSwitch[];
  toggle(server: string, tool: string | undefined, off: boolean): void;
  /** What a request says: the list, when anything is off or it was changed in this conversation. */
  requestFields(): { toolsOff?: ToolSwitch[] };
}

const storageKey = (id: string) => `tools-off:${id}`;

function remember(id: string | null, list: readonly ToolSwitch[]): void {
  if (id !== null) savePreference(storageKey(id), list.length > 0 ? list : undefined);
}

function offerable(servers: readonly ServerView[]): ServerView[] {
  return servers
    .filter((server) => server.status === "connected" && !server.off)
    .map((server) => ({
      ...server,
      tools: server.tools.filter((tool) => !tool.effective.off && tool.effective.policy !== "never"),
    }))
    .filter((server) => server.tools.length > 0);
}

export function useConversationTools(currentId: string | null, serverHistory: boolean): ConversationTools {
  const [servers, setServers] = useState<ServerView[]>([]);
  const [toolsOff, setToolsOff] = useState<ToolSwitch[]>([]);
  // Changed in this conversation: sent even when empty, so the server forgets the list it kept.
  const touched = useRef(false);
  const held = useRef<{ id: string | null; list: ToolSwitch[] }>({ id: currentId, list: [] });

  useEffect(() => {
    const was = held.current.id;
    held.current.id = currentId;
    // A new chat got its id with its first question: what was chosen for it stays.
    const keep = was === null && currentId !== null && touched.current;
    if (keep) remember(currentId, held.current.list);
    else {
      touched.current = false;
      const local = currentId === null ? [] : loadPreference<ToolSwitch[]>(storageKey(currentId), []);
      held.current.list = Array.isArray(local) ? local : [];
      setToolsOff(held.current.list);
    }
    let current = true;
    const stored = serverHistory && currentId !== null && !keep ? currentId : undefined;
    void loadTools(stored).then((outcome) => {
      if (!current || !outcome.ok) return;
      setServers(offerable(outcome.view.servers));
      const list = outcome.view.conversation?.tools_off;
      if (list && !touched.current) {
        held.current.list = list;
        setToolsOff(list);
        remember(currentId, list);
      }
    });
    return () => {
      current = false;
    };
  }, [currentId, serverHistory]);

  const toggle = useCallback((server: string, tool: string | undefined, off: boolean) => {
    touched.current = true;
    const next = withSwitch(held.current.list, server, tool, off);
    held.current.list = next;
    setToolsOff(next);
    remember(held.current.id, next);
  }, []);

  return useMemo(
    () => ({
      servers,
      toolsOff,
      toggle,
      requestFields: () => (toolsOff.length > 0 || touched.current ? { toolsOff: [...toolsOff] } : {}),
    }),
    [servers, toolsOff, toggle],
  );
}
