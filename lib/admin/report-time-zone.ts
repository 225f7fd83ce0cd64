import "server-only";

// Admin (issue 19): the usage report's days are those of QUOTA_TIMEZONE, the zone budgets reset
// in, so a day's bar and a daily budget count the same hours. Unset or unknown: UTC.

type Env = Record<string, string | undefined>;

export function reportTimeZone(env: Env = process.env): string {
  const zone = env.QUOTA_TIMEZONE?.trim();
  if (!zone) return "UTC";
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return "UTC";
  }
}
