import { z } from "zod";
import type { ToolPolicy } from "@/lib/mcp/tool-policy";
import { canAllowAlways, type SettingLayers } from "./effective-policy";
import type { ToolSetting } from "./tool-switch";

// PATCH /api/tools/settings (PROTOCOL.md section 25): the body, and the rules a change must keep.
// Pure: the route finds the tool and the layers, this says whether the change may be made.

const name = z.string().min(1, "must not be empty").max(200, "more than 200 characters");

export const settingChange = z.strictObject({
  layer: z.enum(["own", "deployment"], { error: "use own or deployment" }).default("own"),
  server: name,
  tool: name.optional(),
  enabled: z.boolean({ error: "must be true or false" }).optional(),
  policy: z.enum(["auto", "ask"], { error: "use auto, ask or null" }).nullable().optional(),
});

export type SettingChange = z.infer<typeof settingChange>;

/** The first problem of a body, as `field: what is wrong`. */
export function parseSettingChange(
  body: unknown,
): { ok: true; change: SettingChange } | { ok: false; message: string } {
  const parsed = settingChange.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || "body";
    const message =
      issue?.code === "unrecognized_keys" ? `unknown field ${issue.keys.join(", ")}` : issue?.message;
    return { ok: false, message: `${field}: ${message ?? "invalid"}` };
  }
  if (parsed.data.enabled === undefined && parsed.data.policy === undefined)
    return { ok: false, message: "enabled: send enabled, policy or both" };
  return { ok: true, change: parsed.data };
}

/**
 * The layer's new setting, or the 400 message that refuses it. `base` is mcp.json's policy of the
 * tool (undefined for a whole server).
 */
export function applyChange(
  change: SettingChange,
  base: ToolPolicy | undefined,
  layers: SettingLayers,
): { ok: true; setting: ToolSetting } | { ok: false; message: string } {
  const { server, tool, policy } = change;
  if (policy != null) {
    if (tool === undefined || base === undefined)
      return { ok: false, message: "policy: a policy is set per tool, not for a whole server" };
    if (base === "never")
      return {
        ok: false,
        message: `policy: '${tool}' is never in mcp.json, and nothing here can change that`,
      };
    if (policy === "auto" && base !== "ask")
      return {
        ok: false,
        message: `policy: auto (Always allow) is for a tool mcp.json says is ask; '${tool}' is ${base}`,
      };
    if (policy === "auto" && change.layer === "own" && !canAllowAlways(base, layers.deployment, server, tool))
      return { ok: false, message: `policy: an admin set '${tool}' to ask, and no user may loosen it` };
  }
  const layer = change.layer === "own" ? layers.own : layers.deployment;
  const held = layer.find((setting) => setting.server === server && setting.tool === tool);
  const nextPolicy = policy === undefined ? held?.policy : (policy ?? undefined);
  return {
    ok: true,
    setting: {
      server,
      ...(tool !== undefined ? { tool } : {}),
      enabled: change.enabled ?? held?.enabled ?? true,
      ...(nextPolicy ? { policy: nextPolicy } : {}),
    },
  };
}
