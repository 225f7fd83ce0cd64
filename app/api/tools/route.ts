import { methodNotAllowed } from "@/lib/http/responses";
import { toolsResponse } from "@/lib/tool-settings/tools-routes";

// What the model can use: every MCP server with its status and tools (connecting those not tried
// yet), and the caller's tool settings over them (PROTOCOL.md sections 23 and 25).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return toolsResponse(request);
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
