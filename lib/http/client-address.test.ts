import { describe, expect, it } from "vitest";
import { clientAddress, networkKey, trustedHops } from "./client-address";

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientAddress", () => {
  it("uses the entry the trusted proxies wrote, counted from the right", () => {
    expect(clientAddress(headers("203.0.113.7"), {})).toBe("203.0.113.7");
    expect(clientAddress(headers("6.6.6.6, 203.0.113.7"), { TRUST_PROXY: "1" })).toBe("203.0.113.7");
    expect(clientAddress(headers("6.6.6.6, 203.0.113.7, 10.0.0.2"), { TRUST_PROXY: "2" })).toBe(
      "203.0.113.7",
    );
    expect(clientAddress(headers("203.0.113.7"), { TRUST_PROXY: "3" })).toBe("203.0.113.7");
    expect(clientAddress(headers(), {})).toBe("unknown");
  });

  it("reads TRUST_PROXY as a hop count", () => {
    expect(trustedHops({})).toBe(0);
    expect(trustedHops({ TRUST_PROXY: "true" })).toBe(1);
    expect(trustedHops({ TRUST_PROXY: "2" })).toBe(2);
    expect(trustedHops({ TRUST_PROXY: "no" })).toBe(0);
  });
});

describe("networkKey", () => {
  it("keys IPv4 by address and IPv6 by /64", () => {
    expect(networkKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(networkKey("192.0.2.1:51234")).toBe("192.0.2.1");
    expect(networkKey("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(networkKey("2001:db8:0:1:ffff::9")).toBe("2001:db8:0:1::/64");
    expect(networkKey("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(networkKey("::1")).toBe("0:0:0:0::/64");
  });

  it("cuts anything else short", () => {
    expect(networkKey("x".repeat(500))).toHaveLength(64);
  });
});
