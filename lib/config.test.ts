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

describe("loadConfig: images (PROTOCOL.md section 20)", () => {
  it("reads images with deepseek-flash by default, and within the body Next's proxy reads", () => {
    const config = loadConfig({});
    expect(config.visionModels).toEqual(["deepseek-flash"]);
    expect(config).toMatchObject({
      maxImages: 4,
      imageMaxBytes: 5_000_000,
      conversationImageBytes: 6_000_000,
    });
    // BODY_LIMIT_BYTES for the rest, and the images' base64.
    expect(config.chatBodyLimitBytes).toBe(1_000_000 + 8_000_000);
    expect(config.chatBodyLimitBytes).toBeLessThan(10_000_000);
  });

  it("takes VISION_MODELS as a list; set and empty, no model reads images", () => {
    expect(loadConfig({ VISION_MODELS: " deepseek-flash , my-vl " }).visionModels).toEqual([
      "deepseek-flash",
      "my-vl",
    ]);
    expect(loadConfig({ VISION_MODELS: "" }).visionModels).toEqual([]);
  });

  it("keeps the images' room under the proxy's 10 MB", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const config = loadConfig({ CONVERSATION_IMAGE_BYTES: "9000000", IMAGE_MAX_BYTES: "2000000" });
    expect(config.conversationImageBytes).toBe(6_000_000);
    expect(config.imageMaxBytes).toBe(2_000_000);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
