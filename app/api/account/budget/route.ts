import { signedInAccountOf } from "@/lib/auth/request-account";
import { budgetView } from "@/lib/budget/budget-view";
import { loadConfig } from "@/lib/config";
import { storeUnavailable, withStore } from "@/lib/history/history-access";
import { unauthorized } from "@/lib/http/access-code";
import { methodNotAllowed } from "@/lib/http/responses";
import { getStore } from "@/lib/store/get-store";

// PROTOCOL.md section 17: the signed-in person's own budgets and what is left, for the account
// menu and a refusal's notice.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const account = signedInAccountOf(request.headers);
  if (!account) return unauthorized();
  return withStore(async () => {
    const store = await getStore();
    if (!store) return storeUnavailable(new Error("no database"));
    const overrides = await store.budgets.overrides(account.id);
    if (!overrides) return unauthorized();
    return Response.json(await budgetView(store.budgets, account.id, overrides, loadConfig()), {
      headers: { "Cache-Control": "no-store" },
    });
  });
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
