import { MAX_REPORT_DAYS } from "@/lib/admin/usage-figures";
import { usageReport } from "@/lib/admin/usage-report";
import { openAdmin } from "@/lib/auth/admin-access";
import { loadConfig } from "@/lib/config";
import { withStore } from "@/lib/history/history-access";
import { invalidRequest, methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 18: every account's usage per day over the last `days` days, for an admin.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const DEFAULT_DAYS = 30;

export async function GET(request: Request): Promise<Response> {
  const access = await openAdmin(request);
  if (!access.ok) return access.response;
  const param = new URL(request.url).searchParams.get("days");
  const days = param === null ? DEFAULT_DAYS : Number(param);
  if (!Number.isInteger(days) || days < 1 || days > MAX_REPORT_DAYS) {
    return invalidRequest(`days: a whole number from 1 to ${MAX_REPORT_DAYS}.`);
  }
  return withStore(async () => {
    const report = await usageReport(access.db, {
      days,
      timeZone: loadConfig().quotaTimeZone,
      now: new Date(),
    });
    return Response.json(report, { headers: { "Cache-Control": "no-store" } });
  });
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
