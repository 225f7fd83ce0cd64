import { openHistory, withStore } from "@/lib/history/history-access";
import { parseSearchQuery } from "@/lib/history/parse-search-query";
import { invalidRequest, methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 11: an owner's conversations and messages that contain the query, newest first.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const query = parseSearchQuery(new URL(request.url).searchParams);
  if (!query.ok) return invalidRequest(query.message);
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const found = () => history.store.search.search(history.owner, query.value);
  return withStore(async () =>
    Response.json({ results: await found() }, { headers: { "Cache-Control": "no-store" } }),
  );
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
