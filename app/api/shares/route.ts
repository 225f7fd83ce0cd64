import { notFound, openHistory, withStore } from "@/lib/history/history-access";
import { readValidBody } from "@/lib/history/read-valid-body";
import { shareBody, toWireShare } from "@/lib/history/wire-share";
import { publicOrigin } from "@/lib/http/public-origin";
import { jsonError, methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 13: an owner's share links; a new one copies a conversation's branch as it is now.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
const BODY_LIMIT_BYTES = 4_096;

export async function GET(request: Request): Promise<Response> {
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, store } = history;
  const origin = publicOrigin(request);
  return withStore(async () => {
    const shares = await store.shares.listShares(owner);
    return Response.json(
      { shares: shares.map((share) => toWireShare(share, origin)) },
      { headers: NO_STORE },
    );
  });
}

export async function POST(request: Request): Promise<Response> {
  const body = await readValidBody(request, shareBody, BODY_LIMIT_BYTES);
  if (!body.ok) return body.response;
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, store } = history;
  return withStore(async () => {
    const created = await store.shares.createShare(owner, body.value.conversationId);
    if (created.ok) {
      return Response.json(toWireShare(created.share, publicOrigin(request)), {
        status: 201,
        headers: NO_STORE,
      });
    }
    if (created.reason === "not_found") return notFound();
    return jsonError(
      "answer_streaming",
      "An answer in this conversation is still being written: share it once the answer has finished.",
      NO_STORE,
    );
  });
}

const notAllowed = () => methodNotAllowed("GET, POST");

export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
