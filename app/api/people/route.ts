import { openAdmin } from "@/lib/auth/admin-access";
import { listPeople } from "@/lib/auth/people";
import { withStore } from "@/lib/history/history-access";
import { methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 14: every account, for an admin.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const access = await openAdmin(request);
  if (!access.ok) return access.response;
  return withStore(async () =>
    Response.json({ people: await listPeople(access.db) }, { headers: { "Cache-Control": "no-store" } }),
  );
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
