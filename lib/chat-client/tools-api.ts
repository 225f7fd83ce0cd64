import type { ToolSwitch } from "@/lib/tool-settings/tool-switch";
import type { ToolsView } from "@/lib/tool-settings/tools-wire";

// The browser's side of tool settings (PROTOCOL.md section 25): read the servers and tools with the
// caller's settings, change one setting. A failure carries the server's sentence when it sent one.

export type { ServerView, ToolsView, ToolView } from "@/lib/tool-settings/tools-wire";

export type ToolsOutcome = { ok: true; view: ToolsView } | { ok: false; message: string | undefined };

export interface SettingChange {
  layer?: "own" | "deployment";
  server: string;
  tool?: string;
  enabled?: boolean;
  policy?: "auto" | "ask" | null;
}

function isView(body: unknown): body is ToolsView {
  return typeof body === "object" && body !== null && Array.isArray(Reflect.get(body, "servers"));
}

async function call(path: string, init: RequestInit = {}): Promise<ToolsOutcome> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, cache: "no-store" });
  } catch {
    return { ok: false, message: undefined };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isView(body)) return { ok: true, view: body };
  const error = typeof body === "object" && body !== null ? Reflect.get(body, "error") : undefined;
  const message = typeof error === "object" && error !== null ? Reflect.get(error, "message") : undefined;
  return { ok: false, message: typeof message === "string" ? message : undefined };
}

/** Every server and tool; with `conversation`, that stored conversation's switches too. */
export function loadTools(conversation?: string): Promise<ToolsOutcome> {
  return call(conversation ? `/api/tools?conversation=${encodeURIComponent(conversation)}` : "/api/tools");
}

export function changeToolSetting(change: SettingChange): Promise<ToolsOutcome> {
  return call("/api/tools/settings", {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(change),
  });
}

/** A switch list with one server's or tool's switch turned `off` or back on. */
export function withSwitch(
  list: readonly ToolSwitch[],
  server: string,
  tool: string | undefined,
  off: boolean,
): ToolSwitch[] {
  const rest = list.filter((entry) => !(entry.server === server && entry.tool === tool));
  return off ? [...rest, tool === undefined ? { server } : { server, tool }] : rest;
}
