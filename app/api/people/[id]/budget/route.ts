import { z } from "zod";
import { recordAdminAction } from "@/lib/admin/audit-log";
import { openAdmin } from "@/lib/auth/admin-access";
import { budgetView } from "@/lib/budget/budget-view";
import { loadConfig } from "@/lib/config";
import { notFound, withStore } from "@/lib/history/history-access";
import { invalidRequest, methodNotAllowed, readJsonBody } from "@/lib/http/responses";
import { SqlBudgetRepository } from "@/lib/store/sql-budget-repository";

// PROTOCOL.md section 17: an admin reads and sets one person's budgets ("default", a number, or
// "unlimited" per measure). The admin page edits them through this route.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ id: string }>;
}

const setting = (max: number) =>
  z.union([z.enum(["default", "unlimited"]), z.number().finite().min(0).max(max)]);

const Change = z
  .object({
    tokens_per_day: setting(1e12).refine((value) => typeof value !== "number" || Number.isInteger(value), {
      message: "tokens_per_day: a whole number of tokens",
    }),
    usd_per_month: setting(1e9),
  })
  .partial()
  .strict();

export async function GET(request: Request, context: Context): Promise<Response> {
  const access = await openAdmin(request);
  if (!access.ok) return access.response;
  const { id } = await context.params;
  return withStore(async () => {
    const repo = new SqlBudgetRepository(access.db);
    const overrides = await repo.overrides(id);
    if (!overrides) return notFound("account");
    return Response.json(await budgetView(repo, id, overrides, loadConfig()), {
      headers: { "Cache-Control": "no-store" },
    });
  });
}

export async function PUT(request: Request, context: Context): Promise<Response> {
  const access = await openAdmin(request);
  if (!access.ok) return access.response;
  const body = await readJsonBody(request, 1_024);
  if (!body.ok) return body.response;
  const change = Change.safeParse(body.value);
  if (!change.success) {
    const issue = change.error.issues[0];
    return invalidRequest(`${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  const { id } = await context.params;
  return withStore(async () => {
    const repo = new SqlBudgetRepository(access.db);
    const current = await repo.overrides(id);
    if (!current) return notFound("account");
    const wanted = {
      tokensPerDay: change.data.tokens_per_day ?? current.tokensPerDay,
      usdPerMonth: change.data.usd_per_month ?? current.usdPerMonth,
    };
    // The audit log's line (PROTOCOL.md section 18) is written in the change's transaction.
    const overrides = await repo.setOverrides(id, wanted, (tx, before, after) =>
      recordAdminAction(tx, {
        actorId: access.admin.id,
        action: "budget",
        targetId: id,
        before: { ...before },
        after: { ...after },
      }),
    );
    if (!overrides) return notFound("account");
    return Response.json(await budgetView(repo, id, overrides, loadConfig()));
  });
}

const notAllowed = () => methodNotAllowed("GET, PUT");

export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
