// The shapes of tool settings (PROTOCOL.md section 25) that the server, the wire and the browser
// share: pure data, no server code, so components may import them.

import type { ToolSwitch } from "@/lib/protocol/tools-off";

export type { ToolSwitch };

/** What an owner may set a tool's policy to: `ask` tightens, `auto` is "Always allow" an `ask` tool. */
export const SETTING_POLICIES = ["auto", "ask"] as const;
export type SettingPolicy = (typeof SETTING_POLICIES)[number];

/** One layer's setting of a server (`tool` absent) or of one tool. */
export interface ToolSetting {
  server: string;
  /** Absent: the whole server. */
  tool?: string;
  /** false: not offered to the model. */
  enabled: boolean;
  /** Per tool only; absent: as the layer below says. */
  policy?: SettingPolicy;
}

/** Whether a switch list turns off `tool` of `server`. */
export function isSwitchedOff(switches: readonly ToolSwitch[], server: string, tool: string): boolean {
  return switches.some(
    (entry) => entry.server === server && (entry.tool === undefined || entry.tool === tool),
  );
}
