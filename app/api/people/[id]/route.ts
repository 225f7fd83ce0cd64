import { z } from "zod";
import { openAdmin } from "@/lib/auth/admin-access";
import { changePerson } from "@/lib/auth/people";
import { notFound, withStore } from "@/lib/history/history-access";
import { invalidRequest, methodNotAllowed, readJsonBody } from "@/lib/http/responses";

// PROTOCOL.md section 14: an admin approves, disables or makes admin one account. An admin cannot
// change their own account here, so the last admin cannot lock everyone out.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ id: string }>;
}

const Change = z
  .object({ status: z.enum(["active", "disabled"]).optional(), role: z.enum(["admin", "user"]).optional() })
  .strict()
  .refine((change) => change.status !== undefined || change.role !== undefined, "send status or role");

export async function PATCH(request: Request, context: Context): Promise<Response> {
  const access = await openAdmin(request);
  if (!access.ok) return access.response;
  const body = await readJsonBody(request, 1_024);
  if (!body.ok) return body.response;
  const change = Change.safeParse(body.value);
  if (!change.success) return invalidRequest(change.error.issues[0]?.message ?? "send status or role");
  const { id } = await context.params;
  if (id === access.admin.id) return invalidRequest("An admin cannot change their own account.");
  return withStore(async () => {
    const person = await changePerson(access.db, access.admin.id, id, change.data);
    return person ? Response.json(person) : notFound("account");
  });
}

const notAllowed = () => methodNotAllowed("PATCH");

export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
