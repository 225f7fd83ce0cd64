import type { ToolPolicy } from "@/lib/mcp/tool-policy";
import { isSwitchedOff, type ToolSetting, type ToolSwitch } from "./tool-switch";

// Which policy a tool runs under for one owner (PROTOCOL.md section 25), from three layers, each
// only able to do what the one below allows:
//   mcp.json        auto, ask or never. `never` is final: nothing above can offer it.
//   the deployment  (accounts mode, admins) may switch off, tighten to ask, or always-allow an
//                   `ask` tool for everyone. An admin's explicit `ask` pins the tool to ask.
//   the owner       may switch off, tighten to ask, or always-allow a tool that mcp.json says is
//                   `ask` and no admin has set a policy for: no user loosens what an admin decided.
// A setting that cannot apply (mcp.json changed since, an admin pinned it) is kept but ignored.

export interface SettingLayers {
  deployment: readonly ToolSetting[];
  own: readonly ToolSetting[];
}

export const NO_SETTINGS: SettingLayers = { deployment: [], own: [] };

export interface EffectiveTool {
  /** As an answer sees it; `never` tools are not offered. */
  policy: ToolPolicy;
  /** Switched off by a layer or by the conversation: not offered to the model. */
  off: boolean;
}

function settingOf(layer: readonly ToolSetting[], server: string, tool?: string): ToolSetting | undefined {
  return layer.find((setting) => setting.server === server && setting.tool === tool);
}

function isOff(layer: readonly ToolSetting[], server: string, tool: string): boolean {
  return settingOf(layer, server)?.enabled === false || settingOf(layer, server, tool)?.enabled === false;
}

/** What the deployment layer makes of mcp.json's policy; `pinned` when an admin set a policy. */
export function deploymentPolicy(
  base: ToolPolicy,
  deployment: readonly ToolSetting[],
  server: string,
  tool: string,
): { policy: ToolPolicy; pinned: boolean } {
  if (base === "never") return { policy: "never", pinned: true };
  const set = settingOf(deployment, server, tool)?.policy;
  if (set === "ask") return { policy: "ask", pinned: true };
  if (set === "auto" && base === "ask") return { policy: "auto", pinned: true };
  return { policy: base, pinned: false };
}

/** Whether an owner's "Always allow" can take effect on this tool. */
export function canAllowAlways(
  base: ToolPolicy,
  deployment: readonly ToolSetting[],
  server: string,
  tool: string,
): boolean {
  const below = deploymentPolicy(base, deployment, server, tool);
  return base === "ask" && below.policy === "ask" && !below.pinned;
}

export function effectiveTool(
  base: ToolPolicy,
  layers: SettingLayers,
  server: string,
  tool: string,
  toolsOff: readonly ToolSwitch[] = [],
): EffectiveTool {
  const off =
    isOff(layers.deployment, server, tool) ||
    isOff(layers.own, server, tool) ||
    isSwitchedOff(toolsOff, server, tool);
  const below = deploymentPolicy(base, layers.deployment, server, tool);
  if (below.policy === "never") return { policy: "never", off };
  const own = settingOf(layers.own, server, tool)?.policy;
  if (own === "ask") return { policy: "ask", off };
  if (own === "auto" && canAllowAlways(base, layers.deployment, server, tool)) return { policy: "auto", off };
  return { policy: below.policy, off };
}
