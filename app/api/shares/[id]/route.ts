import { notFound, openHistory, withStore } from "@/lib/history/history-access";
import { methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 13: revoking a share link. Its page answers 404 from then on.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ id: string }>;
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, store } = history;
  return withStore(async () =>
    (await store.shares.revokeShare(owner, id))
      ? new Response(null, { status: 204 })
      : notFound("share link"),
  );
}

const notAllowed = () => methodNotAllowed("DELETE");

export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
