import { requireAccessCode } from "@/lib/http/access-code";
import { getPool } from "@/lib/mcp";

// What the model can use: every MCP server with its status and tools (connecting those not tried yet).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const denied = requireAccessCode(request);
  if (denied) return denied;
  const servers = await getPool().status();
  return Response.json({ servers }, { headers: { "Cache-Control": "no-store" } });
}
