import { openHistory, withStore } from "@/lib/history/history-access";
import { parseListQuery } from "@/lib/history/history-schemas";
import { invalidRequest, methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 10: an owner's conversations, newest activity first, a page at a time.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request): Promise<Response> {
  const query = parseListQuery(new URL(request.url).searchParams);
  if (!query.ok) return invalidRequest(query.message);
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, repo } = history;
  return withStore(async () => {
    await repo.interruptLapsed({ ownerId: owner });
    return Response.json(await repo.listConversations(owner, query.value), { headers: NO_STORE });
  });
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
