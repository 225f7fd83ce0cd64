import { describe, expect, it } from "vitest";
import { loadWebSearchConfig, searchAvailable, searchProblem } from "./web-search-config";

describe("loadWebSearchConfig", () => {
  it("has no backend, and says what to set, when nothing is configured", () => {
    const config = loadWebSearchConfig({});
    expect(searchAvailable(config)).toBe(false);
    expect(searchProblem(config)).toMatch(/set SEARXNG_URL .*BOCHA_API_KEY, TAVILY_API_KEY or BRAVE_API_KEY/);
  });

  it("picks SearXNG, then Bocha, Tavily, Brave, by which is configured", () => {
    const keys = { BOCHA_API_KEY: "b", TAVILY_API_KEY: "t", BRAVE_API_KEY: "r" };
    expect(loadWebSearchConfig({ ...keys, SEARXNG_URL: "http://searx.lan:8080/" }).backend).toEqual({
      name: "searxng",
      baseUrl: "http://searx.lan:8080",
    });
    expect(loadWebSearchConfig(keys).backend).toEqual({
      name: "bocha",
      baseUrl: "https://api.bochaai.com",
      apiKey: "b",
    });
    expect(loadWebSearchConfig({ TAVILY_API_KEY: "t", BRAVE_API_KEY: "r" }).backend?.name).toBe("tavily");
    expect(loadWebSearchConfig({ BRAVE_API_KEY: "r" }).backend?.name).toBe("brave");
  });

  it("lets SEARCH_BACKEND choose among several, and says when its setting is missing", () => {
    const env = { SEARXNG_URL: "http://s", BRAVE_API_KEY: "r", BRAVE_BASE_URL: "http://127.0.0.1:9/" };
    expect(loadWebSearchConfig({ ...env, SEARCH_BACKEND: "Brave" }).backend).toEqual({
      name: "brave",
      baseUrl: "http://127.0.0.1:9",
      apiKey: "r",
    });
    expect(searchProblem(loadWebSearchConfig({ ...env, SEARCH_BACKEND: "tavily" }))).toBe(
      "search: SEARCH_BACKEND=tavily needs TAVILY_API_KEY set",
    );
    expect(searchProblem(loadWebSearchConfig({ ...env, SEARCH_BACKEND: "google" }))).toMatch(
      /SEARCH_BACKEND=google is not one of searxng, bocha, tavily, brave/,
    );
  });

  it("reads the reader's limits and allowed hosts", () => {
    const { reader } = loadWebSearchConfig({
      READER_MAX_BYTES: "2048",
      READER_TIMEOUT_MS: "500",
      READER_ALLOW_HOSTS: "Wiki.LAN, docs.internal",
    });
    expect(reader).toMatchObject({
      maxBytes: 2048,
      timeoutMs: 500,
      allowHosts: ["wiki.lan", "docs.internal"],
    });
  });
});
