import "server-only";
import { recordAdminAction } from "@/lib/admin/audit-log";
import { signedInAccountOf } from "@/lib/auth/request-account";
import { storeUnavailable } from "@/lib/history/history-access";
import { type Access, checkAccess, refuseAccess } from "@/lib/http/access-code";
import { isAccountsMode } from "@/lib/http/auth-mode";
import { ownerFor } from "@/lib/http/owner";
import { invalidRequest, jsonError, readJsonBody } from "@/lib/http/responses";
import { getPool } from "@/lib/mcp";
import { getStore } from "@/lib/store/get-store";
import { DEPLOYMENT_OWNER, type SettingRecorder } from "@/lib/store/tool-settings-repository";
import { NO_SETTINGS, type SettingLayers } from "./effective-policy";
import { applyChange, parseSettingChange } from "./setting-change";
import { settingLayers } from "./tool-settings";
import type { ToolSetting } from "./tool-switch";
import { toolsView } from "./tools-view";
import type { ToolsView } from "./tools-wire";

// GET /api/tools and PATCH /api/tools/settings (PROTOCOL.md sections 23 and 25), behind the routes.

const NO_STORE = { "Cache-Control": "no-store" };

function canEditDeployment(request: Request): boolean {
  return isAccountsMode() && signedInAccountOf(request.headers)?.role === "admin";
}

/** Every server and tool with the caller's settings; without a readable database, mcp.json's alone. */
async function view(request: Request, access: Access, conversation?: string | null): Promise<ToolsView> {
  const owner = ownerFor(request.headers, access);
  let layers: SettingLayers = NO_SETTINGS;
  let toolsOff: ToolsView["conversation"];
  let stored = false;
  try {
    const store = owner === undefined ? undefined : await getStore();
    if (store && owner !== undefined) {
      layers = await settingLayers(owner);
      stored = true;
      if (conversation)
        toolsOff = {
          id: conversation,
          tools_off: await store.toolSettings.conversationToolsOff(owner, conversation),
        };
    }
  } catch (error) {
    console.error("[tools] settings unreadable:", error instanceof Error ? error.message : error);
  }
  return {
    servers: toolsView(await getPool().status(), layers),
    editable: { own: stored, deployment: stored && canEditDeployment(request) },
    ...(toolsOff ? { conversation: toolsOff } : {}),
  };
}

export async function toolsResponse(request: Request): Promise<Response> {
  const access = checkAccess(request.headers);
  const denied = refuseAccess(access);
  if (denied) return denied;
  const conversation = new URL(request.url).searchParams.get("conversation");
  return Response.json(await view(request, access, conversation), { headers: NO_STORE });
}

/** Validate → authorize → find the tool → keep the rules → store; answers with the new view. */
export async function changeSettingResponse(request: Request): Promise<Response> {
  const access = checkAccess(request.headers);
  const denied = refuseAccess(access);
  if (denied) return denied;
  const body = await readJsonBody(request, 4_096);
  if (!body.ok) return body.response;
  const parsed = parseSettingChange(body.value);
  if (!parsed.ok) return invalidRequest(parsed.message);
  const { change } = parsed;
  const owner = change.layer === "deployment" ? DEPLOYMENT_OWNER : ownerFor(request.headers, access);
  if (change.layer === "deployment" && !canEditDeployment(request))
    return jsonError(
      "not_admin",
      "Only an admin, in accounts mode, may change the deployment's tool settings.",
    );
  if (owner === undefined)
    return jsonError("no_history", "This client has no owner to keep tool settings for (a Bearer client).");
  const server = (await getPool().status()).find((status) => status.name === change.server);
  if (!server) return jsonError("not_found", `No such server: '${change.server}'.`);
  const tool =
    change.tool === undefined ? undefined : server.tools.find((entry) => entry.name === change.tool);
  if (change.tool !== undefined && !tool)
    return jsonError("not_found", `No such tool on '${change.server}': '${change.tool}'.`);
  try {
    const store = await getStore();
    if (!store)
      return jsonError("history_off", "Tool settings are kept in the database, and this server has none.");
    const applied = applyChange(change, tool?.policy, await settingLayers(owner));
    if (!applied.ok) return invalidRequest(applied.message);
    await store.toolSettings.putSetting(
      owner,
      applied.setting,
      change.layer === "deployment" ? auditLine(request) : undefined,
    );
  } catch (error) {
    return storeUnavailable(error);
  }
  return Response.json(await view(request, access), { headers: NO_STORE });
}

/** An admin's change to everyone's tools is a line of the audit log (PROTOCOL.md section 18). */
function auditLine(request: Request): SettingRecorder | undefined {
  const admin = signedInAccountOf(request.headers);
  if (!admin) return undefined;
  const state = (setting: ToolSetting | undefined, named: ToolSetting) => ({
    tool: named.tool === undefined ? named.server : `${named.server}/${named.tool}`,
    enabled: setting?.enabled ?? true,
    policy: setting?.policy ?? null,
  });
  return (tx, before, after) =>
    recordAdminAction(tx, {
      actorId: admin.id,
      action: "tools",
      targetId: DEPLOYMENT_OWNER,
      before: state(before, after),
      after: state(after, after),
    });
}
