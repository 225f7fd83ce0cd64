import { loadConfig } from "@/lib/config";
import { openHistory, withStore } from "@/lib/history/history-access";
import { importLimitBytes, parseImport } from "@/lib/history/history-schemas";
import { invalidRequest, methodNotAllowed, readJsonBody } from "@/lib/http/responses";

// PROTOCOL.md section 10: the one-time move of a browser's IndexedDB history, only ever into that
// browser's own owner. Idempotent by id: a conversation that exists (anyone's) is skipped.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const config = loadConfig();
  const body = await readJsonBody(
    request,
    importLimitBytes(config.bodyLimitBytes, config.chatBodyLimitBytes),
  );
  if (!body.ok) return body.response;
  const list = parseImport(body.value);
  if (!list.ok) return invalidRequest(list.message);
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, repo } = history;
  return withStore(async () =>
    Response.json(await repo.importConversations(owner, list.value), {
      headers: { "Cache-Control": "no-store" },
    }),
  );
}

const notAllowed = () => methodNotAllowed("POST");

export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
