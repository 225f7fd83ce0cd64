import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatEvents } from "@/lib/agent/chat";
import { ChatError } from "@/lib/agent/chat-error";
import { loadConfig } from "@/lib/config";
import type { ToolSet } from "@/lib/mcp/tool-set";
import type { FakeService } from "@/lib/testing/web-fakes/fake-service";
import { startSearxngFake } from "@/lib/testing/web-fakes/searxng-fake";
import { loadWebSearchConfig, type WebSearchConfig } from "./web-search-config";
import { withWebTools } from "./web-tools";

let fake: FakeService;
let web: WebSearchConfig;
const config = loadConfig({ DEEPSEEK_API_KEY: "sk-test" });
const signal = new AbortController().signal;

beforeAll(async () => {
  fake = await startSearxngFake();
  web = loadWebSearchConfig({ SEARXNG_URL: fake.url });
});
afterAll(() => fake.close());

function baseTools(names: string[], calls: string[] = []): () => Promise<ToolSet> {
  return async () => ({
    tools: names.map((name) => ({
      name,
      description: name,
      parameters: { type: "object" },
      server: "builtin",
      policy: "auto" as const,
    })),
    async call(name) {
      calls.push(name);
      return { result: `base ${name}` };
    },
  });
}

async function webToolSet(base: () => Promise<ToolSet>): Promise<ToolSet> {
  const backend = web.backend;
  if (!backend) throw new Error("the fake is not configured");
  return withWebTools(base, { config, web: { ...web, backend } })();
}

describe("withWebTools", () => {
  it("adds web_search and read_page from the server `web` beside the pool's tools, and routes each call to its owner", async () => {
    const calls: string[] = [];
    const tools = await webToolSet(baseTools(["calculate"], calls));
    try {
      expect(tools.tools.map((tool) => [tool.name, tool.server])).toEqual([
        ["calculate", "builtin"],
        ["web_search", "web"],
        ["read_page", "web"],
      ]);
      expect(await tools.call("calculate", {}, { signal })).toEqual({ result: "base calculate" });
      const outcome = await tools.call("web_search", { query: "deepseek" }, { signal });
      expect(outcome).toMatchObject({
        result: {
          backend: "searxng",
          results: [{ index: 1, url: "https://news.example.com/deepseek-v4" }, {}, {}],
        },
      });
      expect(fake.requests.at(-1)?.url.searchParams.get("q")).toBe("deepseek");
      expect(calls).toEqual(["calculate"]);
    } finally {
      await tools.close?.();
    }
  });

  it("names both server__tool when a pool tool is also called web_search", async () => {
    const tools = await webToolSet(baseTools(["web_search"]));
    try {
      expect(tools.tools.map((tool) => tool.name).sort()).toEqual([
        "builtin__web_search",
        "read_page",
        "web__web_search",
      ]);
      expect(await tools.call("builtin__web_search", {}, { signal })).toEqual({ result: "base web_search" });
    } finally {
      await tools.close?.();
    }
  });

  it("starts each answer's numbering at 1", async () => {
    for (let answer = 0; answer < 2; answer++) {
      const tools = await webToolSet(baseTools([]));
      const outcome = await tools.call("web_search", { query: "q" }, { signal });
      expect(outcome).toMatchObject({ result: { results: [{ index: 1 }, { index: 2 }, { index: 3 }] } });
      await tools.close?.();
    }
  });
});

describe("search: true", () => {
  it("is a 400 naming what to configure when no search service is", () => {
    const start = () =>
      chatEvents("hi", { config, search: true, web: loadWebSearchConfig({}), tools: baseTools([]) });
    expect(start).toThrow(ChatError);
    expect(start).toThrow(/SEARXNG_URL.*BOCHA_API_KEY.*TAVILY_API_KEY.*BRAVE_API_KEY/);
  });
});
