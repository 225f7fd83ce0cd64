import type { ServerStatus } from "@/lib/mcp/mcp-pool";
import type { ToolPolicy } from "@/lib/mcp/tool-policy";
import type { SettingPolicy, ToolSwitch } from "./tool-switch";

// GET /api/tools as the wire carries it (PROTOCOL.md sections 23 and 25): each server and tool as
// mcp.json and the pool say, plus the caller's settings and what they make of it.

/** One layer's setting of a server or tool; absent from `settings` when that layer says nothing. */
export interface SettingValue {
  enabled: boolean;
  policy?: SettingPolicy;
}

export interface LayerValues {
  own?: SettingValue;
  deployment?: SettingValue;
}

export type ToolView = ServerStatus["tools"][number] & {
  /** What an answer of the caller gets: `off` tools are not offered. */
  effective: { policy: ToolPolicy; off: boolean };
  settings: LayerValues;
  /** Whether the caller's "Always allow" would take effect (an `ask` tool no admin set a policy for). */
  can_allow_always: boolean;
};

export type ServerView = Omit<ServerStatus, "tools"> & {
  tools: ToolView[];
  /** Switched off by a layer: none of its tools is offered. */
  off: boolean;
  settings: LayerValues;
};

export interface ToolsView {
  servers: ServerView[];
  /** Who may change what: `own` is false for a caller with no owner (a Bearer client without accounts). */
  editable: { own: boolean; deployment: boolean };
  /** With `?conversation=<id>`: the switches that conversation's answers were last sent with. */
  conversation?: { id: string; tools_off: ToolSwitch[] };
}
