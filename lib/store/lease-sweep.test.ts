import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationRepository } from "./conversation-repository";
import { startLeaseSweep, TOMBSTONE_MS } from "./lease-sweep";

describe("startLeaseSweep", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sweeps at once, then every 30 s until stopped, on a timer that keeps no process alive", async () => {
    const scopes: unknown[] = [];
    const purges: number[] = [];
    const repo: Partial<ConversationRepository> = {
      interruptLapsed: async (scope) => {
        scopes.push(scope);
        return [];
      },
      purgeDeleted: async (before) => {
        purges.push(before);
        return 0;
      },
    };
    const timers = vi.spyOn(globalThis, "setInterval");
    const stop = startLeaseSweep(repo as ConversationRepository);
    expect(scopes).toEqual([undefined]);
    // Tombstones of conversations deleted over a week ago go.
    expect(purges).toEqual([Date.now() - TOMBSTONE_MS]);
    expect(timers.mock.results[0]?.value.hasRef()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(scopes).toHaveLength(3);
    expect(purges).toHaveLength(3);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(scopes).toHaveLength(3);
  });
});
