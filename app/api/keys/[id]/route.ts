import { openKeys } from "@/lib/auth/api-key-access";
import { notFound, withStore } from "@/lib/history/history-access";
import { methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 15: revoking one of the signed-in account's keys; it stops at the next request.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ id: string }>;
}

export async function DELETE(request: Request, context: Context): Promise<Response> {
  const access = await openKeys(request);
  if (!access.ok) return access.response;
  const { id } = await context.params;
  const { account, keys } = access;
  return withStore(async () =>
    (await keys.revokeKey(account.id, id)) ? new Response(null, { status: 204 }) : notFound("API key"),
  );
}

const notAllowed = () => methodNotAllowed("DELETE");

export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
