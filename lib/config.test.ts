import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "./config";

describe("loadConfig: resumable answers' per-client caps", () => {
  it("has defaults a household never reaches", () => {
    const config = loadConfig({});
    expect(config.resumeMaxRunsPerClient).toBe(8);
    expect(config.resumeMaxReadersPerStream).toBe(16);
    expect(config.resumeMaxReadersPerClient).toBe(64);
  });

  it("never lets one client's runs take more than a quarter of RESUME_MAX_STREAMS", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(loadConfig({ RESUME_MAX_STREAMS: "20" }).resumeMaxRunsPerClient).toBe(5);
    expect(
      loadConfig({ RESUME_MAX_STREAMS: "20", RESUME_MAX_RUNS_PER_CLIENT: "3" }).resumeMaxRunsPerClient,
    ).toBe(3);
    expect(
      loadConfig({ RESUME_MAX_STREAMS: "20", RESUME_MAX_RUNS_PER_CLIENT: "50" }).resumeMaxRunsPerClient,
    ).toBe(5);
    expect(loadConfig({ RESUME_MAX_STREAMS: "2" }).resumeMaxRunsPerClient).toBe(1);
    // Said once, though config is read per request.
    loadConfig({ RESUME_MAX_STREAMS: "20", RESUME_MAX_RUNS_PER_CLIENT: "50" });
    expect(
      warn.mock.calls.filter(([line]) => String(line).includes("RESUME_MAX_RUNS_PER_CLIENT")),
    ).toHaveLength(1);
    warn.mockRestore();
  });

  it("takes the reader caps as set", () => {
    const config = loadConfig({ RESUME_MAX_READERS_PER_STREAM: "3", RESUME_MAX_READERS_PER_CLIENT: "5" });
    expect(config.resumeMaxReadersPerStream).toBe(3);
    expect(config.resumeMaxReadersPerClient).toBe(5);
  });

  it("reads budgets: unset is unlimited, a mistake is said and unlimited, never zero; UTC and 3 by default", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(loadConfig({})).toMatchObject({
      quotaTokensPerDay: undefined,
      quotaUsdPerMonth: undefined,
      quotaTimeZone: "UTC",
      userMaxConcurrent: 3,
    });
    expect(
      loadConfig({
        QUOTA_TOKENS_PER_DAY: "200000",
        QUOTA_USD_PER_MONTH: "2.5",
        QUOTA_TIMEZONE: "Asia/Shanghai",
        USER_MAX_CONCURRENT: "5",
      }),
    ).toMatchObject({
      quotaTokensPerDay: 200_000,
      quotaUsdPerMonth: 2.5,
      quotaTimeZone: "Asia/Shanghai",
      userMaxConcurrent: 5,
    });
    expect(
      loadConfig({ QUOTA_TOKENS_PER_DAY: "1.5", QUOTA_USD_PER_MONTH: "-1", QUOTA_TIMEZONE: "Mars/Olympus" }),
    ).toMatchObject({ quotaTokensPerDay: undefined, quotaUsdPerMonth: undefined, quotaTimeZone: "UTC" });
    expect(warn.mock.calls.map(([line]) => String(line).split("=")[0])).toEqual([
      "[config] QUOTA_TOKENS_PER_DAY",
      "[config] QUOTA_USD_PER_MONTH",
      "[config] QUOTA_TIMEZONE",
    ]);
    warn.mockRestore();
  });
});
