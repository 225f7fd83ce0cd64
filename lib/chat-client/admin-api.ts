import type { AuditPage } from "@/lib/admin/audit-entry";
import type { UsageReport } from "@/lib/admin/usage-figures";

// The admin page's reads (PROTOCOL.md section 18): undefined when the server could not answer.

async function getJson<T>(path: string): Promise<T | undefined> {
  try {
    const response = await fetch(path, { cache: "no-store" });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function fetchUsageReport(days: number): Promise<UsageReport | undefined> {
  return getJson(`/api/admin/usage?days=${days}`);
}

export function fetchAuditPage(before?: string): Promise<AuditPage | undefined> {
  return getJson(before ? `/api/admin/audit?before=${encodeURIComponent(before)}` : "/api/admin/audit");
}
