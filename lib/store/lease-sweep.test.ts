import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationRepository } from "./conversation-repository";
import { startLeaseSweep } from "./lease-sweep";

describe("startLeaseSweep", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sweeps at once, then every 30 s until stopped, on a timer that keeps no process alive", async () => {
    const scopes: unknown[] = [];
    const repo: Partial<ConversationRepository> = {
      interruptLapsed: async (scope) => {
        scopes.push(scope);
        return [];
      },
    };
    const timers = vi.spyOn(globalThis, "setInterval");
    const stop = startLeaseSweep(repo as ConversationRepository);
    expect(scopes).toEqual([undefined]);
    expect(timers.mock.results[0]?.value.hasRef()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(scopes).toHaveLength(3);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(scopes).toHaveLength(3);
  });
});
