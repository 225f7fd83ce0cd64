import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, inject, it } from "vitest";
import { dataOf, nonce, readSse, text, upstreamRequests } from "../../lib/testing/sse-client";
import { WEB_SEARCH_ANSWER } from "../../lib/testing/upstream/tool-scenarios";
import { WEB_PAGE_PATH } from "../../lib/testing/upstream/web-page-route";
import { BARE_ACCESS_CODE } from "./global-setup";

// PROTOCOL.md section 21 against the built app: the web tools are offered only to an answer that
// asked for search, they search the fake SearXNG, and they are nowhere else.

const app = inject("appUrl");
const bare = inject("bareAppUrl");
const upstream = inject("upstreamUrl");

type ProviderTool = { function: { name: string } };

async function ask(body: Record<string, unknown>) {
  const response = await fetch(`${app}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await readSse(response)).events;
}

/** The first model call of the answer carrying `marker`, as the upstream received it. */
async function firstModelCall(marker: string) {
  const [first] = await upstreamRequests(upstream, marker);
  if (!first) throw new Error(`the upstream saw no request with ${marker}`);
  return first.body as { tools?: ProviderTool[]; messages: { role: string; content: string }[] };
}

async function offeredTools(marker: string): Promise<string[]> {
  const tools = (await firstModelCall(marker)).tools ?? [];
  return tools.map((tool) => tool.function.name);
}

describe("search: true", () => {
  it("offers web_search, runs the model's search against the service and returns its results", async () => {
    const marker = nonce();
    const events = await ask({ prompt: `[[scenario:web-search]] ${marker}`, search: true });
    expect(dataOf(events, "start")[0]).toMatchObject({ search: true });
    expect(await offeredTools(marker)).toEqual(
      expect.arrayContaining(["web_search", "read_page", "calculate"]),
    );
    const [call] = dataOf(events, "tool_call");
    expect(call).toMatchObject({ name: "web_search", server: "web", arguments: { query: "DeepSeek V4" } });
    const [result] = dataOf(events, "tool_result");
    expect(result).toMatchObject({
      tool_call_id: call?.id,
      result: {
        query: "DeepSeek V4",
        backend: "searxng",
        results: [
          {
            index: 1,
            title: "DeepSeek releases V4 with a 1M-token context",
            url: "https://news.example.com/deepseek-v4",
          },
          { index: 2, url: "https://hub.example.org/deepseek-ai/DeepSeek-V4" },
          { index: 3, url: "https://tech.example.cn/2026/07/deepseek-v4.html" },
        ],
        notice: expect.stringMatching(/untrusted/i),
      },
    });
    expect(text(events, "message")).toBe(WEB_SEARCH_ANSWER);
    expect(dataOf(events, "end")[0]?.finish_reason).toBe("stop");
  });

  it("tells the model to cite by index and to distrust web text, in a system message of its own", async () => {
    const marker = nonce();
    await ask({ prompt: `[[scenario:web-search]] ${marker}`, search: true });
    const [system] = (await firstModelCall(marker)).messages;
    expect(system?.role).toBe("system");
    expect(system?.content).toMatch(/\[1\]/);
    expect(system?.content).toMatch(/untrusted/);
  });
  it("reads a page's article as untrusted text (Readability over linkedom, in the built server)", async () => {
    const url = `${upstream}${WEB_PAGE_PATH}`;
    const rounds = [[{ name: "read_page", arguments: { url } }]];
    const events = await ask({
      prompt: `[[scenario:${JSON.stringify({ name: "tools", rounds })}]] ${nonce()}`,
      search: true,
    });
    const [result] = dataOf(events, "tool_result");
    expect(result).toMatchObject({
      result: { index: 1, url, title: "DeepSeek V4 in depth", truncated: false },
    });
    const text = String((result as { result: { text: string } }).result.text);
    expect(text).toMatch(
      /^<<<untrusted_web_content>>>\nDeepSeek V4 in depth|^<<<untrusted_web_content>>>\nParagraph 1/,
    );
    expect(text).toContain("Paragraph 5: DeepSeek V4 reads a million tokens");
    expect(text).not.toContain("Example footer");
  });

  it("refuses to read the cloud metadata address, as a tool error the model reads", async () => {
    const rounds = [[{ name: "read_page", arguments: { url: "http://169.254.169.254/latest/meta-data/" } }]];
    const events = await ask({
      prompt: `[[scenario:${JSON.stringify({ name: "tools", rounds })}]] ${nonce()}`,
      search: true,
    });
    const [call] = dataOf(events, "tool_call");
    expect(call).toMatchObject({ name: "read_page", server: "web" });
    const [result] = dataOf(events, "tool_result");
    expect(result && "error" in result ? result.error : result).toMatch(
      /refused http:\/\/169\.254\.169\.254\/latest\/meta-data\/: .*link-local/,
    );
  });
});

describe("without search", () => {
  it("offers no web tools, and the model cannot call them", async () => {
    const marker = nonce();
    const events = await ask({ prompt: `[[scenario:web-search]] ${marker}` });
    const offered = await offeredTools(marker);
    expect(offered).toContain("calculate");
    expect(offered).not.toContain("web_search");
    expect(offered).not.toContain("read_page");
    expect(dataOf(events, "tool_call")).toEqual([]);
    expect(dataOf(events, "start")[0]?.search).toBeUndefined();
  });

  it("is a 400 naming the settings when the server has no search service", async () => {
    const response = await fetch(`${bare}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${BARE_ACCESS_CODE}` },
      body: JSON.stringify({ prompt: "hi", search: true }),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/SEARXNG_URL/);
    expect(error.message).toMatch(/BOCHA_API_KEY/);
  });
});

describe("/api/mcp", () => {
  it("does not list the web tools", async () => {
    const client = new Client({ name: "web-search-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${app}/api/mcp`)));
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain("calculate");
    expect(names).not.toContain("web_search");
    expect(names).not.toContain("read_page");
    await client.close();
  });
});
