"use client";

import { useState } from "react";
import type { Locale } from "@/components/i18n/dictionary";
import { LocaleProvider, useT } from "@/components/i18n/locale-provider";
import { BackToChatHeader } from "@/components/ui/back-to-chat-header";
import { ServerCard } from "./server-card";
import type { Layer } from "./tool-row";
import { useToolSettings } from "./use-tool-settings";

/** The tool settings page (PROTOCOL.md section 25): every configured server and its tools. */
export function ToolsScreen({ initialLocale }: { initialLocale: Locale }) {
  return (
    <LocaleProvider initialLocale={initialLocale}>
      <div className="flex min-h-dvh flex-col bg-white text-neutral-900 dark:bg-neutral-950 dark:text-neutral-100">
        <BackToChatHeader />
        <ToolsSections />
      </div>
    </LocaleProvider>
  );
}

function ToolsSections() {
  const t = useT();
  const state = useToolSettings();
  const [layer, setLayer] = useState<Layer>("own");
  const { view } = state;
  return (
    <main
      className="mx-auto w-full max-w-3xl px-4 pb-12"
      data-ready={view ? true : undefined}
      data-testid="tools-screen"
    >
      <h1 className="mt-6 font-semibold text-2xl">{t.toolsTitle}</h1>
      <p className="mt-1 text-neutral-600 text-sm dark:text-neutral-400">{t.toolsIntro}</p>
      {view?.editable.deployment && <LayerTabs layer={layer} onChange={setLayer} />}
      {state.loadError && (
        <div role="alert" className="mt-6 flex items-center gap-3 text-red-700 text-sm dark:text-red-300">
          <span>{state.loadError.message ?? t.toolsLoadFailed}</span>
          <button type="button" onClick={state.reload} className="underline">
            {t.tryAgain}
          </button>
        </div>
      )}
      {state.saveError !== undefined && (
        <p
          role="alert"
          data-testid="tools-save-error"
          className="mt-4 text-red-700 text-sm dark:text-red-300"
        >
          {state.saveError || t.toolsSaveFailed}
        </p>
      )}
      {view && view.servers.length === 0 && (
        <p className="mt-6 text-neutral-500 text-sm dark:text-neutral-400">{t.toolsNoServers}</p>
      )}
      <div className="mt-6 space-y-4" aria-busy={state.busy || undefined}>
        {view?.servers.map((server) => (
          <ServerCard
            key={server.name}
            server={server}
            layer={layer}
            readOnly={!view.editable[layer]}
            onChange={state.change}
          />
        ))}
      </div>
    </main>
  );
}

/** Admins in accounts mode edit their own layer or everyone's. */
function LayerTabs({ layer, onChange }: { layer: Layer; onChange: (layer: Layer) => void }) {
  const t = useT();
  const tab = (value: Layer, text: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={layer === value}
      data-testid={`tools-layer-${value}`}
      onClick={() => onChange(value)}
      className="rounded-lg px-3 py-1.5 text-sm aria-selected:bg-white aria-selected:font-medium aria-selected:shadow-sm dark:aria-selected:bg-neutral-700"
    >
      {text}
    </button>
  );
  return (
    <div className="mt-4">
      <div role="tablist" className="inline-flex gap-1 rounded-xl bg-neutral-100 p-1 dark:bg-neutral-800">
        {tab("own", t.toolsLayerOwn)}
        {tab("deployment", t.toolsLayerDeployment)}
      </div>
      {layer === "deployment" && (
        <p className="mt-2 text-neutral-500 text-xs dark:text-neutral-400">{t.toolsLayerHint}</p>
      )}
    </div>
  );
}
