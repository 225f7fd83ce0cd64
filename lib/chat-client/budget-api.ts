// The signed-in person's budgets (PROTOCOL.md section 17, GET /api/account/budget), as the account
// menu and a refusal's notice show them.

export interface MeasureLeft {
  /** null: unlimited. */
  limit: number | null;
  left: number | null;
  /** Milliseconds since the epoch. */
  resetsAt: number;
}

export interface AccountBudget {
  tokensPerDay: MeasureLeft;
  usdPerMonth: MeasureLeft;
}

const isAmount = (value: unknown): value is number | null => value === null || typeof value === "number";

function measure(value: unknown): MeasureLeft | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { limit, left, resets_at } = value as Record<string, unknown>;
  if (!isAmount(limit) || !isAmount(left) || typeof resets_at !== "string") return undefined;
  return { limit, left, resetsAt: Date.parse(resets_at) };
}

/** The budget, or undefined when the server has none to say (not accounts mode, offline, an error). */
export async function fetchAccountBudget(fetcher: typeof fetch = fetch): Promise<AccountBudget | undefined> {
  try {
    const response = await fetcher("/api/account/budget", { cache: "no-store" });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null) return undefined;
    const record = body as Record<string, unknown>;
    const tokensPerDay = measure(record.tokens_per_day);
    const usdPerMonth = measure(record.usd_per_month);
    return tokensPerDay && usdPerMonth ? { tokensPerDay, usdPerMonth } : undefined;
  } catch {
    return undefined;
  }
}
