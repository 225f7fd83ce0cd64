import { notFound, openHistory, withStore } from "@/lib/history/history-access";
import { methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 13: revoking a share link. Its page answers 404 from then on.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function DELETE(
  request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<Response> {
  const [{ id }, history] = await Promise.all([context.params, openHistory(request)]);
  if (!history.ok) return history.response;
  return withStore(async () =>
    (await history.store.shares.revokeShare(history.owner, id))
      ? new Response(null, { status: 204 })
      : notFound("share link"),
  );
}

const notAllowed = () => methodNotAllowed("DELETE");

export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
