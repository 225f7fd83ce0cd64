import { listAdminActions, parseAuditCursor } from "@/lib/admin/audit-log";
import { openAdmin } from "@/lib/auth/admin-access";
import { withStore } from "@/lib/history/history-access";
import { invalidRequest, methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 18: the audit log of admins' actions, newest first, a page at a time.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const access = await openAdmin(request);
  if (!access.ok) return access.response;
  const param = new URL(request.url).searchParams.get("before");
  const before = param === null ? undefined : parseAuditCursor(param);
  if (param !== null && !before) return invalidRequest("before: pass a page's `next` as it came.");
  return withStore(async () =>
    Response.json(await listAdminActions(access.db, { before }), {
      headers: { "Cache-Control": "no-store" },
    }),
  );
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
