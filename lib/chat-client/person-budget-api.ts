// One person's budgets as an admin reads and sets them (PROTOCOL.md section 17:
// GET and PUT /api/people/<id>/budget), for the admin page's budget editor.

export type BudgetSetting = "default" | "unlimited" | number;

export interface MeasureBudget {
  setting: BudgetSetting;
  /** In force; null: unlimited. */
  limit: number | null;
  spent: number;
  left: number | null;
}

export interface PersonBudget {
  tokensPerDay: MeasureBudget;
  usdPerMonth: MeasureBudget;
  defaults: { tokensPerDay: number | null; usdPerMonth: number | null };
}

const isSetting = (value: unknown): value is BudgetSetting =>
  value === "default" || value === "unlimited" || typeof value === "number";
const isAmount = (value: unknown): value is number | null => value === null || typeof value === "number";

function measure(value: unknown): MeasureBudget | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (!("setting" in value && "limit" in value && "spent" in value && "left" in value)) return undefined;
  const { setting, limit, spent, left } = value;
  if (!isSetting(setting) || !isAmount(limit) || typeof spent !== "number" || !isAmount(left))
    return undefined;
  return { setting, limit, spent, left };
}

function personBudget(body: unknown): PersonBudget | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  if (!("tokens_per_day" in body && "usd_per_month" in body && "defaults" in body)) return undefined;
  const tokensPerDay = measure(body.tokens_per_day);
  const usdPerMonth = measure(body.usd_per_month);
  const { defaults } = body;
  if (!tokensPerDay || !usdPerMonth || typeof defaults !== "object" || defaults === null) return undefined;
  const tokens = "tokens_per_day" in defaults ? defaults.tokens_per_day : null;
  const usd = "usd_per_month" in defaults ? defaults.usd_per_month : null;
  return {
    tokensPerDay,
    usdPerMonth,
    defaults: {
      tokensPerDay: typeof tokens === "number" ? tokens : null,
      usdPerMonth: typeof usd === "number" ? usd : null,
    },
  };
}

const path = (id: string) => `/api/people/${encodeURIComponent(id)}/budget`;

export async function fetchPersonBudget(id: string): Promise<PersonBudget | undefined> {
  try {
    const response = await fetch(path(id), { cache: "no-store" });
    return response.ok ? personBudget(await response.json()) : undefined;
  } catch {
    return undefined;
  }
}

/** The budget as saved, or the server's sentence when it refused. */
export async function savePersonBudget(
  id: string,
  change: { tokens_per_day: BudgetSetting; usd_per_month: BudgetSetting },
): Promise<{ ok: true; budget: PersonBudget } | { ok: false; message: string }> {
  try {
    const response = await fetch(path(id), {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(change),
    });
    const body: unknown = await response.json().catch(() => undefined);
    const budget = response.ok ? personBudget(body) : undefined;
    if (budget) return { ok: true, budget };
    const message =
      typeof body === "object" &&
      body !== null &&
      "error" in body &&
      typeof body.error === "object" &&
      body.error
        ? "message" in body.error && typeof body.error.message === "string"
          ? body.error.message
          : undefined
        : undefined;
    return { ok: false, message: message ?? `HTTP ${response.status}` };
  } catch {
    return { ok: false, message: "offline" };
  }
}
