import "server-only";
import { isAccountsMode } from "@/lib/http/auth-mode";
import { getPool, getToolSet, type PolicyAdjust, type ToolDefinition, type ToolSet } from "@/lib/mcp";
import type { ToolPolicy } from "@/lib/mcp/tool-policy";
import { getStore } from "@/lib/store/get-store";
import { effectiveTool, NO_SETTINGS, type SettingLayers } from "./effective-policy";
import { applyChange } from "./setting-change";
import type { ToolSwitch } from "./tool-switch";

// The server's side of tool settings (PROTOCOL.md section 25): what an answer's tools are for an
// owner, and "Always allow", which the approval flow records from its card. The deployment layer
// counts only in accounts mode, where admins edit it.

/** Both layers of an owner's settings, in one read; none for a request with no owner or no database. */
export async function settingLayers(owner: string | undefined): Promise<SettingLayers> {
  if (owner === undefined) return NO_SETTINGS;
  const store = await getStore();
  if (!store) return NO_SETTINGS;
  const { own, deployment } = await store.toolSettings.settingsFor(owner);
  return { own, deployment: isAccountsMode() ? deployment : [] };
}

/**
 * The effective per-tool policies of one answer for `owner`: mcp.json's, changed by the settings and
 * the request's switches; "off" for a tool the model is not offered. One database read.
 */
export async function answerPolicies(
  owner: string | undefined,
  toolsOff: readonly ToolSwitch[] = [],
): Promise<PolicyAdjust> {
  const layers = await settingLayers(owner);
  return (server, tool, base) => {
    const effective = effectiveTool(base, layers, server, tool, toolsOff);
    return effective.off ? "off" : effective.policy;
  };
}

/**
 * The tools of one answer. Should the settings not be readable it throws, and the loop answers
 * without tools (run-agent.ts): never with a tool its owner switched off.
 */
export async function answerToolSet(
  owner: string | undefined,
  toolsOff: readonly ToolSwitch[] = [],
): Promise<ToolSet> {
  return getToolSet(await answerPolicies(owner, toolsOff));
}

/** mcp.json's policy of a configured tool, or undefined for a server or tool the pool does not know. */
export async function basePolicyOf(server: string, tool: string): Promise<ToolPolicy | undefined> {
  const entry = (await getPool().status()).find((status) => status.name === server);
  return entry?.tools.find((candidate) => candidate.name === tool)?.policy;
}

export type AllowAlwaysResult = { ok: true } | { ok: false; reason: string };

/**
 * The approval card's "Always allow" (section 24), for the answer's owner: kept when the rules allow
 * it, else logged, since the call it came with was allowed either way.
 */
export function rememberAlwaysAllow(owner: string | undefined, tool: ToolDefinition): void {
  if (owner === undefined || tool.serverTool === undefined) return;
  allowAlways(owner, tool.server, tool.serverTool).then(
    (result) => {
      if (!result.ok)
        console.warn(`[tools] Always allow of ${tool.server}/${tool.serverTool} not kept: ${result.reason}`);
    },
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`[tools] Always allow of ${tool.server}/${tool.serverTool} failed: ${reason}`);
    },
  );
}

/**
 * Records the owner's "Always allow" of an `ask` tool: the same change, under the same rules, as
 * PATCH /api/tools/settings with `{"policy": "auto"}` (setting-change.ts); `reason` says which
 * rule refused it.
 */
export async function allowAlways(owner: string, server: string, tool: string): Promise<AllowAlwaysResult> {
  const base = await basePolicyOf(server, tool);
  if (base === undefined) return { ok: false, reason: `no tool '${tool}' on '${server}'` };
  const store = await getStore();
  if (!store) return { ok: false, reason: "no database to keep it in" };
  const change = { layer: "own", server, tool, policy: "auto" } as const;
  const applied = applyChange(change, base, await settingLayers(owner));
  if (!applied.ok) return { ok: false, reason: applied.message };
  await store.toolSettings.putSetting(owner, applied.setting);
  return { ok: true };
}
