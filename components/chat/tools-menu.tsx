"use client";

import { useId, useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { useDismiss } from "@/components/ui/use-dismiss";
import { isSwitchedOff } from "@/lib/tool-settings/tool-switch";
import type { ConversationTools } from "./use-conversation-tools";

/** The composer's tools menu: switch servers or tools off for this conversation (PROTOCOL.md section 25). */
export function ToolsMenu({ tools }: { tools: ConversationTools }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useDismiss(open, box, () => setOpen(false));
  const count = tools.toolsOff.length;
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        title={t.toolsMenuHint}
        data-testid="tools-menu-button"
        onClick={() => setOpen((value) => !value)}
        className={`inline-flex h-8 shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full border px-2.5 text-xs transition-colors hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 sm:px-3 dark:hover:bg-neutral-800 ${count > 0 ? "border-amber-300 text-amber-800 dark:border-amber-700 dark:text-amber-200" : "border-neutral-200 text-neutral-600 dark:border-neutral-700 dark:text-neutral-300"}`}
      >
        <Icon name="wrench" className="size-3.5" />
        <span className="max-sm:sr-only">{t.toolsMenu}</span>
        {count > 0 && <span data-testid="tools-menu-count">{t.toolsMenuOff(count)}</span>}
      </button>
      {open && <ToolsPanel id={panelId} tools={tools} />}
    </div>
  );
}

function ToolsPanel({ id, tools }: { id: string; tools: ConversationTools }) {
  const t = useT();
  const { servers, toolsOff, toggle } = tools;
  return (
    <div
      id={id}
      data-testid="tools-menu"
      className="absolute bottom-full left-0 z-50 mb-2 max-h-96 w-80 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-xl border border-neutral-200 bg-white p-2 text-sm shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
    >
      <p className="px-1 pb-2 text-neutral-500 text-xs dark:text-neutral-400">{t.toolsMenuHint}</p>
      {servers.length === 0 && <p className="px-1 pb-2 text-neutral-500 text-xs">{t.toolsMenuEmpty}</p>}
      {servers.map((server) => {
        const serverOff = toolsOff.some((entry) => entry.server === server.name && entry.tool === undefined);
        return (
          <fieldset
            key={server.name}
            data-testid="tools-menu-server"
            data-server={server.name}
            className="mb-2"
          >
            <label className="flex items-center gap-2 rounded-lg px-1 py-1 font-medium hover:bg-neutral-100 dark:hover:bg-neutral-800">
              <input
                type="checkbox"
                checked={!serverOff}
                onChange={(event) => toggle(server.name, undefined, !event.target.checked)}
                className="accent-brand-600"
              />
              {server.name}
            </label>
            <div className="ml-5">
              {server.tools.map((tool) => (
                <label
                  key={tool.name}
                  data-testid="tools-menu-tool"
                  data-tool={tool.name}
                  className="flex items-center gap-2 rounded-lg px-1 py-0.5 font-mono text-xs hover:bg-neutral-100 dark:hover:bg-neutral-800"
                >
                  <input
                    type="checkbox"
                    checked={!isSwitchedOff(toolsOff, server.name, tool.name)}
                    disabled={serverOff}
                    onChange={(event) => toggle(server.name, tool.name, !event.target.checked)}
                    className="accent-brand-600"
                  />
                  <span className="truncate">{tool.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <a
        href="/settings/tools"
        data-testid="tools-menu-settings"
        className="mt-1 block rounded-lg border-neutral-100 border-t px-1 pt-2 text-brand-700 text-xs hover:underline dark:border-neutral-800 dark:text-brand-300"
      >
        {t.manageTools}
      </a>
    </div>
  );
}
