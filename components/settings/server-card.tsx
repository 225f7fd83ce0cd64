"use client";

import { useT } from "@/components/i18n/locale-provider";
import type { ServerView, SettingChange } from "@/lib/chat-client/tools-api";
import { SwitchButton } from "./switch-button";
import { type Layer, ToolRow } from "./tool-row";

const STATUS_TONE: Record<string, string> = {
  connected: "bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
  failed: "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300",
  invalid: "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300",
};
const NEUTRAL_TONE = "bg-neutral-100 text-neutral-600 dark:bg-neutral-800 dark:text-neutral-300";

/** One configured server: transport, status, why it failed, how many tools, on/off, and its tools. */
export function ServerCard({
  server,
  layer,
  readOnly,
  onChange,
}: {
  server: ServerView;
  layer: Layer;
  /** Nothing can be changed here (no database, or a client with no owner): shown, not editable. */
  readOnly: boolean;
  onChange: (change: SettingChange) => void;
}) {
  const t = useT();
  const adminOff = layer === "own" && server.settings.deployment?.enabled === false;
  const enabled = (server.settings[layer]?.enabled ?? true) && !adminOff;
  return (
    <section
      data-testid="server-card"
      data-server={server.name}
      aria-labelledby={`server-${server.name}`}
      className="rounded-2xl border border-neutral-200 p-4 dark:border-neutral-800"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <SwitchButton
          checked={enabled}
          disabled={adminOff || readOnly}
          onChange={(next) => onChange({ layer, server: server.name, enabled: next })}
          label={t.useServer(server.name)}
          testId="server-switch"
        />
        <h2 id={`server-${server.name}`} className="font-semibold">
          {server.name}
        </h2>
        <span className="rounded-md bg-neutral-100 px-1.5 py-0.5 font-mono text-neutral-600 text-xs dark:bg-neutral-800 dark:text-neutral-300">
          {server.connected_via ?? server.transport}
        </span>
        <span
          data-testid="server-status"
          className={`rounded-md px-1.5 py-0.5 text-xs ${STATUS_TONE[server.status] ?? NEUTRAL_TONE}`}
        >
          {t.serverStatus(server.status)}
        </span>
        <span className="ml-auto text-neutral-500 text-xs dark:text-neutral-400">
          {t.toolCount(server.tools.length)}
        </span>
      </header>
      {adminOff && <p className="mt-2 text-amber-700 text-xs dark:text-amber-300">{t.offByAdmin}</p>}
      {server.error && (
        <p
          data-testid="server-error"
          className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-red-800 text-sm dark:bg-red-950/60 dark:text-red-200"
        >
          <span className="font-medium">{t.failureReason}</span>
          {server.error}
        </p>
      )}
      {server.tools.length > 0 ? (
        <ul className="mt-2 divide-y divide-neutral-100 dark:divide-neutral-800">
          {server.tools.map((tool) => (
            <ToolRow
              key={tool.name}
              server={server.name}
              tool={tool}
              layer={layer}
              serverOff={!enabled}
              readOnly={readOnly}
              onChange={onChange}
            />
          ))}
        </ul>
      ) : (
        server.status === "connected" && (
          <p className="mt-3 text-neutral-500 text-sm dark:text-neutral-400">{t.noToolsListed}</p>
        )
      )}
    </section>
  );
}
