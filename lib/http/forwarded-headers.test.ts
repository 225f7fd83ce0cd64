import { describe, expect, it } from "vitest";
import { rewriteForwardedHeaders } from "./forwarded-headers";

describe("rewriteForwardedHeaders", () => {
  const written = () => ({
    host: "localhost:3000",
    "x-forwarded-for": "198.51.100.7",
    "x-forwarded-host": "localhost",
    "x-forwarded-proto": "https",
    "x-real-ip": "198.51.100.8",
    forwarded: "for=198.51.100.9",
    accept: "*/*",
  });

  it("with nothing in front, puts the socket's address in X-Forwarded-For and drops the rest", () => {
    const headers = written();
    rewriteForwardedHeaders(headers, "::ffff:127.0.0.2", {});
    expect(headers).toEqual({ host: "localhost:3000", "x-forwarded-for": "::ffff:127.0.0.2", accept: "*/*" });
  });

  it("behind a trusted proxy, leaves what the proxy wrote", () => {
    for (const TRUST_PROXY of ["1", "2", "true"]) {
      const headers = written();
      rewriteForwardedHeaders(headers, "10.0.0.1", { TRUST_PROXY });
      expect(headers).toEqual(written());
    }
  });

  it("treats TRUST_PROXY=0 or nonsense as nothing in front", () => {
    const headers = written();
    rewriteForwardedHeaders(headers, "127.0.0.1", { TRUST_PROXY: "0" });
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-forwarded-host"]).toBeUndefined();
  });
});
