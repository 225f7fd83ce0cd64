import { describe, expect, it } from "vitest";
import { isOwnApiUrl, safeUrl } from "./safe-url";

const PAGE = "https://chat.example.com/";

describe("isOwnApiUrl", () => {
  it("catches the API however the URL is written", () => {
    for (const url of [
      "/api/chat?prompt=hi",
      "/api",
      "/api?x=1",
      "/api/",
      "api/chat",
      "./api/chat",
      "../api/chat",
      "/x/../api/chat",
      "https://chat.example.com/api/chat?prompt=hi",
      "//chat.example.com/api/chat",
      "http://chat.example.com/api/chat", // upgraded to https by the browser
      "https://chat.example.com:8443/api/chat", // another port: the same cookies
      "https://CHAT.example.com./api/chat",
      "/%61pi/chat",
      "/%2561pi/chat",
      "/API/chat",
      "/%2Fapi/chat",
      "/x/..%2Fapi/chat",
      "/x/%2e%2e/api/chat",
      "\\api\\chat",
      "/api%2Fchat",
    ]) {
      expect(isOwnApiUrl(url, PAGE), url).toBe(true);
    }
  });

  it("keeps everything else", () => {
    for (const url of [
      "/",
      "/apiary",
      "/apis/list",
      "/docs/api/chat",
      "/login?next=/api/chat",
      "#user-content-fn-1",
      "?q=api",
      "https://other.example.com/api/chat",
      "https://example.com/api/chat",
      "//other.example.com/api/chat",
      "https://chat.example.com.evil.test/api/chat",
      "mailto:api@chat.example.com",
      "/%E0%A4%A/api", // undecodable: left as written
    ]) {
      expect(isOwnApiUrl(url, PAGE), url).toBe(false);
    }
  });

  it("resolves relative URLs against the page's own path", () => {
    expect(isOwnApiUrl("chat", "https://chat.example.com/api/")).toBe(true);
    expect(isOwnApiUrl("chat", "https://chat.example.com/c/")).toBe(false);
  });
});

describe("safeUrl", () => {
  it("drops the app's API and what react-markdown drops, and keeps ordinary links", () => {
    expect(safeUrl("/api/chat?prompt=x", PAGE)).toBe("");
    expect(safeUrl("https://chat.example.com/%61pi/chat", PAGE)).toBe("");
    expect(safeUrl("javascript:alert(1)", PAGE)).toBe("");
    expect(safeUrl("https://example.com/a.png", PAGE)).toBe("https://example.com/a.png");
    expect(safeUrl("/docs/intro", PAGE)).toBe("/docs/intro");
    expect(safeUrl("#user-content-fn-1", PAGE)).toBe("#user-content-fn-1");
  });

  it("judges the path alone when there is no page to resolve against", () => {
    expect(safeUrl("/api/chat?prompt=x", "")).toBe("");
    expect(safeUrl("/apiary", "")).toBe("/apiary");
  });
});
