import { describe, expect, it } from "vitest";
import { currentTime, defaultTimeZone } from "./current-time";
import { ToolError } from "./tool-error";

const NOV_24 = new Date("2026-11-24T13:30:00.250Z");
const JUL_1 = new Date("2026-07-01T12:00:00Z");

describe("currentTime", () => {
  it("gives Beijing time with every field", () => {
    expect(currentTime("Asia/Shanghai", NOV_24)).toStrictEqual({
      iso: "2026-11-24T21:30:00+08:00",
      time_zone: "Asia/Shanghai",
      local: "2026-11-24 21:30:00",
      weekday: "Tuesday",
      utc_offset: "+08:00",
      unix_ms: NOV_24.getTime(),
    });
  });

  it.each([
    ["America/New_York", NOV_24, "2026-11-24T08:30:00-05:00", "Tuesday"],
    ["America/New_York", JUL_1, "2026-07-01T08:00:00-04:00", "Wednesday"],
    ["Europe/London", JUL_1, "2026-07-01T13:00:00+01:00", "Wednesday"],
    ["Asia/Kolkata", NOV_24, "2026-11-24T19:00:00+05:30", "Tuesday"],
    ["Asia/Kathmandu", NOV_24, "2026-11-24T19:15:00+05:45", "Tuesday"],
    ["Pacific/Kiritimati", NOV_24, "2026-11-25T03:30:00+14:00", "Wednesday"],
    ["UTC", NOV_24, "2026-11-24T13:30:00+00:00", "Tuesday"],
  ])("%s at %s → %s", (zone, now, iso, weekday) => {
    const time = currentTime(zone, now);
    expect(time.iso).toBe(iso);
    expect(time.weekday).toBe(weekday);
    expect(time.utc_offset).toBe(iso.slice(-6));
    expect(new Date(time.iso).getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000);
  });

  it("rolls over to the next day at local midnight, not to hour 24", () => {
    const time = currentTime("Asia/Shanghai", new Date("2026-11-24T16:00:00Z"));
    expect(time.local).toBe("2026-11-25 00:00:00");
    expect(time.weekday).toBe("Wednesday");
  });

  it("canonicalizes the zone name", () => {
    expect(currentTime("asia/shanghai", NOV_24).time_zone).toBe("Asia/Shanghai");
    expect(currentTime("  Asia/Tokyo ", NOV_24).iso).toBe("2026-11-24T22:30:00+09:00");
  });

  it.each(["北京", "北京时间", "Beijing", "china"])("understands %s as Asia/Shanghai", (alias) => {
    expect(currentTime(alias, NOV_24).time_zone).toBe("Asia/Shanghai");
  });

  it.each([
    ["+08:00", "UTC+08:00", "2026-11-24T21:30:00+08:00"],
    ["UTC-5", "UTC-05:00", "2026-11-24T08:30:00-05:00"],
    ["GMT+5:30", "UTC+05:30", "2026-11-24T19:00:00+05:30"],
  ])("takes the fixed offset %s", (input, zone, iso) => {
    const time = currentTime(input, NOV_24);
    expect(time.time_zone).toBe(zone);
    expect(time.iso).toBe(iso);
  });

  it("uses the server's zone when none is given", () => {
    expect(currentTime(undefined, NOV_24).time_zone).toBe(defaultTimeZone());
    expect(currentTime("", NOV_24).time_zone).toBe(defaultTimeZone());
  });

  it("reads the real clock by default", () => {
    const before = Date.now();
    const time = currentTime("UTC");
    expect(time.unix_ms).toBeGreaterThanOrEqual(before);
    expect(time.unix_ms).toBeLessThanOrEqual(Date.now());
  });

  it("names an unknown zone and suggests the form that works", () => {
    let error: unknown;
    try {
      currentTime("Mars/Base", NOV_24);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({
      kind: "invalid_input",
      message: "unknown time zone 'Mars/Base'; use an IANA name such as Asia/Shanghai",
    });
  });

  it("rejects offsets no place uses", () => {
    expect(() => currentTime("+15:00", NOV_24)).toThrow("'+15:00' is not a valid UTC offset");
  });

  it("rejects an invalid clock reading", () => {
    expect(() => currentTime("UTC", new Date(Number.NaN))).toThrow(ToolError);
  });
});
