import type { ServerStatus } from "@/lib/mcp/mcp-pool";
import { canAllowAlways, effectiveTool, type SettingLayers } from "./effective-policy";
import type { ToolSetting } from "./tool-switch";
import type { LayerValues, ServerView } from "./tools-wire";

// The servers of GET /api/tools with the caller's settings laid over them (PROTOCOL.md section 25).

function valuesOf(layers: SettingLayers, server: string, tool?: string): LayerValues {
  const pick = (layer: readonly ToolSetting[]) => {
    const found = layer.find((setting) => setting.server === server && setting.tool === tool);
    return found ? { enabled: found.enabled, ...(found.policy ? { policy: found.policy } : {}) } : undefined;
  };
  const own = pick(layers.own);
  const deployment = pick(layers.deployment);
  return { ...(own ? { own } : {}), ...(deployment ? { deployment } : {}) };
}

export function toolsView(servers: readonly ServerStatus[], layers: SettingLayers): ServerView[] {
  return servers.map((server) => {
    const settings = valuesOf(layers, server.name);
    return {
      ...server,
      off: settings.own?.enabled === false || settings.deployment?.enabled === false,
      settings,
      tools: server.tools.map((tool) => ({
        ...tool,
        effective: effectiveTool(tool.policy, layers, server.name, tool.name),
        settings: valuesOf(layers, server.name, tool.name),
        can_allow_always: canAllowAlways(tool.policy, layers.deployment, server.name, tool.name),
      })),
    };
  });
}
