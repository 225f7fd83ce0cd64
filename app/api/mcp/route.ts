import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { loadConfig } from "@/lib/config";
import { requireAccessCode } from "@/lib/http/access-code";
import { readMcpMessage } from "@/lib/http/read-mcp-message";
import { methodNotAllowed } from "@/lib/http/responses";
import { createBuiltinServer } from "@/lib/mcp/builtin/builtin-server";
import { AUTO_APPROVAL, policyOf } from "@/lib/mcp/tool-policy";

// The built-in tools as a stateless Streamable HTTP MCP server, for Claude Desktop, Cursor or
// the MCP Inspector: a fresh server and transport per request, no sessions to keep.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  const denied = requireAccessCode(request);
  if (denied) return denied;
  // One message per request (no batches), read under the app's body limit.
  const body = await readMcpMessage(request, loadConfig().bodyLimitBytes);
  if (!body.ok) return body.response;
  // The built-in tools are all `auto` (nothing configures them); the policies still apply here.
  const server = createBuiltinServer({ policyOf: (tool) => policyOf(AUTO_APPROVAL, tool) });
  // No sessionIdGenerator: stateless mode.
  const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
  await server.connect(transport);
  const response = await transport.handleRequest(request, { parsedBody: body.message });
  // JSON responses are complete here; nothing stays open in stateless mode.
  void server.close();
  return response;
}

// Stateless: no server-initiated stream to GET and no session to DELETE (the spec allows 405).
const notAllowed = () => methodNotAllowed("POST");

export { handle as POST, notAllowed as GET, notAllowed as DELETE };
