import { describe, expect, it } from "vitest";
import { isLoopbackHost, listenPlan } from "./listen-plan";

describe("listenPlan", () => {
  it("listens on loopback only when there is no access code", () => {
    expect(listenPlan({})).toEqual({ hosts: ["127.0.0.1", "::1"], display: "localhost" });
  });

  it("listens everywhere with an access code, as next start does", () => {
    expect(listenPlan({ ACCESS_CODE: "x" })).toEqual({ hosts: [undefined], display: "localhost" });
  });

  it("follows HOSTNAME, and warns plainly when an open install reaches beyond this machine", () => {
    const open = listenPlan({ HOSTNAME: "0.0.0.0" });
    expect(open.hosts).toEqual(["0.0.0.0"]);
    expect(open.warning).toMatch(/No ACCESS_CODE is set and the server listens on 0\.0\.0\.0/);
    expect(open.warning).toMatch(/spend your DeepSeek key/);
    expect(listenPlan({ HOSTNAME: "[::]" }).hosts).toEqual(["::"]);
    expect(listenPlan({ HOSTNAME: "192.168.1.20" }).warning).toBeDefined();
    expect(listenPlan({ HOSTNAME: "127.0.0.1" }).warning).toBeUndefined();
    expect(listenPlan({ HOSTNAME: "localhost" }).warning).toBeUndefined();
    expect(listenPlan({ HOSTNAME: "0.0.0.0", ACCESS_CODE: "x" }).warning).toBeUndefined();
  });
});

describe("isLoopbackHost", () => {
  it("knows the loopback names and addresses, and nothing else", () => {
    for (const host of [
      "localhost",
      "LOCALHOST",
      "app.localhost",
      "127.0.0.1",
      "127.1.2.3",
      "::1",
      "[::1]",
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      "0.0.0.0",
      "::",
      "192.168.1.2",
      "localhost.example.com",
      "128.0.0.1",
      "example.com",
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
