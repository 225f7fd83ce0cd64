import { methodNotAllowed } from "@/lib/http/responses";
import { changeSettingResponse } from "@/lib/tool-settings/tools-routes";

// PROTOCOL.md section 25: change one tool setting of the caller's own layer, or (admins, accounts
// mode) of the deployment's.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function PATCH(request: Request): Promise<Response> {
  return changeSettingResponse(request);
}

const notAllowed = () => methodNotAllowed("PATCH");

export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
