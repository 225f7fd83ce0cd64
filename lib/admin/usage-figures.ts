// Admin (issue 19): the usage report as the API sends it and the admin page reads it (PROTOCOL.md
// section 18). Plain types: the server sums them in SQL, the browser draws them.

/** Sums over a set of answers (usage rows). */
export interface UsageFigures {
  answers: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Over the answers whose server reported them (docs/PROVIDER.md section 4). */
  cacheHitTokens: number;
  cacheMissTokens: number;
  /** Hit / (hit + miss) over the answers that reported both; null when none did. */
  cacheHitShare: number | null;
  /** Over the answers with a known price; null when none had one. */
  costUsd: number | null;
  costCny: number | null;
  /** Answers whose model had no known price: counted in tokens, not in money. */
  unpricedAnswers: number;
}

export interface ReportPerson {
  id: string;
  name: string;
  email: string;
}

export interface UsageReport {
  /** The period's first and last day (YYYY-MM-DD), both included, in `timeZone`. */
  from: string;
  to: string;
  days: number;
  timeZone: string;
  /** One row per person per day with usage, by person then day. */
  daily: Array<{ userId: string; day: string } & UsageFigures>;
  /** One row per person with usage in the period, most tokens first. */
  people: Array<ReportPerson & UsageFigures>;
  total: UsageFigures;
}

export const REPORT_PERIODS = [7, 30, 90] as const;
export const MAX_REPORT_DAYS = 90;
