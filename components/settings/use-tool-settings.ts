"use client";

import { useCallback, useEffect, useState } from "react";
import {
  changeToolSetting,
  loadTools,
  type SettingChange,
  type ToolsView,
} from "@/lib/chat-client/tools-api";

// The settings page's state: the servers and tools as GET /api/tools says, replaced by each
// change's answer (the server's view is the truth: it applies the rules of PROTOCOL.md section 25).

export interface ToolSettingsState {
  view: ToolsView | undefined;
  /** Loading failed: `message` is the server's sentence when it sent one. */
  loadError: { message: string | undefined } | undefined;
  /** The last change failed. */
  saveError: string | undefined;
  busy: boolean;
  reload(): void;
  change(change: SettingChange): void;
}

export function useToolSettings(): ToolSettingsState {
  const [view, setView] = useState<ToolsView>();
  const [loadError, setLoadError] = useState<{ message: string | undefined }>();
  const [saveError, setSaveError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    setLoadError(undefined);
    void loadTools().then((outcome) => {
      if (outcome.ok) setView(outcome.view);
      else setLoadError({ message: outcome.message });
    });
  }, []);
  useEffect(reload, [reload]);

  const change = useCallback((next: SettingChange) => {
    setBusy(true);
    setSaveError(undefined);
    void changeToolSetting(next).then((outcome) => {
      setBusy(false);
      if (outcome.ok) setView(outcome.view);
      else setSaveError(outcome.message ?? "");
    });
  }, []);

  return { view, loadError, saveError, busy, reload, change };
}
