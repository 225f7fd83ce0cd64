import "server-only";
import { randomUUID } from "node:crypto";
import { ChatError } from "@/lib/agent/chat-error";
import { activeAccountOf } from "@/lib/auth/request-account";
import { loadConfig, type ServerConfig } from "@/lib/config";
import { addCost } from "@/lib/cost/answer-cost";
import { isAccountsMode } from "@/lib/http/auth-mode";
import type { ChatEvent, ChatMessage, CostData, EndData, TokenStats } from "@/lib/protocol";
import type {
  BudgetAmounts,
  BudgetLimits,
  BudgetRepository,
  ReserveResult,
} from "@/lib/store/budget-repository";
import { getStore } from "@/lib/store/get-store";
import { usageMeasures } from "@/lib/store/usage-measures";
import {
  estimateAmounts,
  firstRoundEstimate,
  laterRoundEstimate,
  type TokenEstimate,
} from "./answer-estimate";
import { budgetPeriods } from "./budget-periods";
import {
  type BudgetRefusal,
  concurrencyRefusal,
  quotaDetails,
  quotaError,
  quotaRefusal,
} from "./budget-refusal";
import { costAt, usdOf } from "./usd-of";

// One answer's hold on its owner's budgets in accounts mode (PROTOCOL.md section 17): reserved
// before the model is called, renewed before each later round (what it used so far plus the next
// round's estimate), settled when the answer ends, however it ends. An answer that names no
// conversation writes its own usage row here; a stored answer's row is its last save
// (lib/history/answer-saver.ts), written before this hold is released.

/** A hold outlives its answer's whole time cap by this much, then stops counting (a dead process). */
const HOLD_MARGIN_MS = 60_000;

export type BudgetOpening = { ok: true; budget: AnswerBudget | undefined } | ({ ok: false } & BudgetRefusal);

interface Holder {
  repo: BudgetRepository;
  userId: string;
  config: ServerConfig;
  model: string;
  /** Set for an answer no conversation holds: its usage row is written at the end. */
  unnamedAnswerId: string | undefined;
}

/** The server's limits for everyone an admin gave none of their own; null: unlimited. */
export const budgetDefaults = (config: ServerConfig): BudgetLimits => ({
  tokensPerDay: config.quotaTokensPerDay ?? null,
  usdPerMonth: config.quotaUsdPerMonth ?? null,
});

/**
 * The hold for a request's answer, or the 429 that refuses it. Outside accounts mode there are no
 * budgets (undefined). `unnamed`: the request names no conversation.
 */
export async function openAnswerBudget(
  request: Request,
  messages: ChatMessage[],
  model: string,
  unnamed: boolean,
): Promise<BudgetOpening> {
  if (!isAccountsMode()) return { ok: true, budget: undefined };
  const account = activeAccountOf(request.headers);
  if (!account) return { ok: true, budget: undefined };
  const store = await getStore();
  if (!store) throw new Error("accounts mode without a store");
  const config = loadConfig();
  const budget = new AnswerBudget({
    repo: store.budgets,
    userId: account.id,
    config,
    model,
    unnamedAnswerId: unnamed ? randomUUID() : undefined,
  });
  const refusal = await budget.reserveFirst(firstRoundEstimate(messages));
  return refusal ? { ok: false, ...refusal } : { ok: true, budget };
}

export class AnswerBudget {
  readonly reservationId = randomUUID();
  private readonly used: BudgetAmounts = { tokens: 0, usd: 0 };
  private readonly tokens: TokenStats = { prompt: 0, completion: 0, total: 0 };
  private cost: CostData | undefined;
  private lastRound: TokenStats | undefined;
  private readonly startedAt = Date.now();
  private closing: Promise<void> | undefined;
  /** observe() has begun: from then its own end settles. */
  private observing = false;

  constructor(private readonly holder: Holder) {}

  /** The 429 that refuses the answer, or undefined when its first round may run. */
  async reserveFirst(estimate: TokenEstimate): Promise<BudgetRefusal | undefined> {
    const now = new Date();
    const result = await this.reserve(estimate, now, this.holder.config.userMaxConcurrent);
    if (result.ok) return undefined;
    if (result.reason === "too_many_answers") return concurrencyRefusal(this.holder.config.userMaxConcurrent);
    const { quotaTimeZone } = this.holder.config;
    return quotaRefusal(
      quotaDetails(result.measure, result.standing, budgetPeriods(now, quotaTimeZone)),
      quotaTimeZone,
      now,
    );
  }

  /** Each round's usage as the provider reports it (the agent loop's `onUsage`). */
  readonly onUsage = (usage: TokenStats): void => {
    this.lastRound = usage;
    for (const key of ["prompt", "completion", "total"] as const) this.tokens[key] += usage[key];
    if (usage.cached !== undefined) this.tokens.cached = (this.tokens.cached ?? 0) + usage.cached;
    if (usage.reasoning !== undefined) this.tokens.reasoning = (this.tokens.reasoning ?? 0) + usage.reasoning;
    this.used.tokens += usage.total;
    const cost = costAt(usage, this.holder.model, new Date());
    if (cost) {
      this.cost = addCost(this.cost, cost);
      this.used.usd += cost.usd;
    }
  };

  /** Before each later round (the loop's `beforeRound`): throws quota_exceeded when nothing is left. */
  readonly beforeRound = async (round: number): Promise<void> => {
    if (round === 0) return;
    const now = new Date();
    const estimate = laterRoundEstimate(this.lastRound ?? { prompt: 0, completion: 0 });
    let result: ReserveResult;
    try {
      result = await this.reserve(estimate, now, undefined);
    } catch (error) {
      // Unchecked rounds would break the bound the budget promises: stop instead.
      console.error("[budget] cannot check a later round:", error instanceof Error ? error.message : error);
      throw new ChatError(
        "internal_error",
        "The budget could not be checked (the database did not answer); the answer stopped here.",
      );
    }
    if (result.ok) return;
    const { quotaTimeZone } = this.holder.config;
    const measure = result.reason === "quota_exceeded" ? result.measure : "tokens";
    throw quotaError(
      quotaDetails(measure, result.standing, budgetPeriods(now, quotaTimeZone)),
      quotaTimeZone,
    );
  };

  /** Passes the answer's events through and settles when they end, whichever way. */
  async *observe(events: AsyncGenerator<ChatEvent, void>): AsyncGenerator<ChatEvent, void> {
    this.observing = true;
    let end: EndData | undefined;
    try {
      for await (const event of events) {
        if (event.event === "end") end = event.data;
        yield event;
      }
    } finally {
      await this.settle(end);
    }
  }

  /**
   * The answer's stream was cancelled. Once observe() runs, its own end settles (after the cut
   * round is counted); before its first read it never will (a generator closed before it starts
   * runs no finally), so the hold is released here rather than at its expiry.
   */
  abandon(): void {
    if (!this.observing) void this.settle();
  }

  /** Settles once: the unnamed answer's usage row, then the hold released. Never throws. */
  settle(end?: EndData): Promise<void> {
    this.closing ??= this.write(end);
    return this.closing;
  }

  private async write(end: EndData | undefined): Promise<void> {
    const { repo, userId, unnamedAnswerId, model } = this.holder;
    try {
      if (unnamedAnswerId && (end || this.tokens.total > 0)) {
        const usage = usageMeasures(
          model,
          end?.stats ?? { tokens: this.tokens, elapsedMs: Date.now() - this.startedAt, cost: this.cost },
        );
        await repo.recordUnnamedUsage(userId, unnamedAnswerId, usage);
      }
    } catch (error) {
      console.error("[budget] cannot record usage:", error instanceof Error ? error.message : error);
    }
    try {
      await repo.release(userId, this.reservationId);
    } catch (error) {
      // The hold lapses at its expiry.
      console.error("[budget] cannot release a hold:", error instanceof Error ? error.message : error);
    }
  }

  private reserve(
    estimate: TokenEstimate,
    now: Date,
    maxConcurrent: number | undefined,
  ): Promise<ReserveResult> {
    const { repo, userId, config, model } = this.holder;
    const periods = budgetPeriods(now, config.quotaTimeZone);
    return repo.reserve({
      userId,
      reservationId: this.reservationId,
      defaults: budgetDefaults(config),
      window: periods,
      used: this.used,
      estimate: estimateAmounts(estimate, usdOf(estimate, model, now)),
      maxConcurrent,
      // Renewed before each round. Between two renewals an answer runs at most its time cap and
      // waits for the user at most once (a round's calls wait together, with the cap paused,
      // PROTOCOL.md section 24): a hold that covers both never lapses under a waiting answer.
      ttlMs: config.answerTimeoutMs + config.approvalTimeoutMs + HOLD_MARGIN_MS,
    });
  }
}
