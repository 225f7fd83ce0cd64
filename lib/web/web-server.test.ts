import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LocalSite, startLocalSite } from "@/lib/testing/web-fakes/local-site";
import type { SearchBackend, SearchHit } from "./search-backend";
import { SourceList } from "./source-list";
import { UNTRUSTED_NOTICE } from "./untrusted";
import { createWebServer } from "./web-server";

const cleanups: Array<() => Promise<void>> = [];
let site: LocalSite;
beforeAll(async () => {
  site = await startLocalSite({
    "/long": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("word ".repeat(1_000));
    },
    "/moved": (_req, res) => {
      res.writeHead(301, { location: "/new-home" });
      res.end();
    },
  });
});
afterAll(() => site.close());

// The "public" site is the local one, let through by the operator's allow-list.
const reader = {
  config: { maxBytes: 1_000_000, timeoutMs: 2_000, maxChars: 600, allowHosts: ["public.test"] },
  pdfMaxPages: 10,
  resolve: async () => [{ address: "127.0.0.1", family: 4 }],
};
const sitePage = (path: string) => `http://public.test:${site.port}${path}`;
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const page = (n: number): SearchHit => ({
  title: `Page ${n}`,
  url: `https://site${n}.example/`,
  snippet: `about ${n}`,
});

/** Answers each query with the pages listed for it. */
function stubBackend(byQuery: Record<string, SearchHit[]>, counts: number[] = []): SearchBackend {
  return {
    name: "searxng",
    async search({ query, count }) {
      counts.push(count);
      return (byQuery[query] ?? []).slice(0, count);
    },
  };
}

async function connect(backend: SearchBackend): Promise<Client> {
  const server = createWebServer({ backend, sources: new SourceList(), reader });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "web-server-test", version: "1.0.0" });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  cleanups.push(async () => {
    await client.close();
    await server.close();
  });
  return client;
}

async function search(client: Client, args: Record<string, unknown>) {
  const result = await client.callTool({ name: "web_search", arguments: args });
  return result.structuredContent as {
    results: Array<{ index: number; url: string; snippet: string }>;
  } & Record<string, unknown>;
}

describe("the web server", () => {
  it("is named web and offers web_search", async () => {
    const client = await connect(stubBackend({}));
    expect(client.getServerVersion()?.name).toBe("web");
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("web_search");
  });

  it("numbers sources across searches: a new page gets the next number, a page seen before keeps its own", async () => {
    const client = await connect(
      stubBackend({
        first: [page(1), page(2)],
        second: [page(3), page(1), { ...page(4), url: "https://site2.example/#top" }],
      }),
    );
    const first = await search(client, { query: "first" });
    expect(first.results.map((r) => [r.index, r.url])).toEqual([
      [1, "https://site1.example/"],
      [2, "https://site2.example/"],
    ]);
    const second = await search(client, { query: "second" });
    expect(second.results.map((r) => r.index)).toEqual([3, 1, 2]);
  });

  it("returns the contract's shape, marked untrusted, and asks for 5 results unless told", async () => {
    const counts: number[] = [];
    const client = await connect(stubBackend({ q: [{ ...page(1), published: "2026-01-02" }] }, counts));
    const result = await search(client, { query: "q" });
    expect(result).toEqual({
      query: "q",
      backend: "searxng",
      results: [
        {
          index: 1,
          title: "Page 1",
          url: "https://site1.example/",
          snippet: "about 1",
          published: "2026-01-02",
        },
      ],
      notice: UNTRUSTED_NOTICE,
    });
    await search(client, { query: "q", count: 2 });
    expect(counts).toEqual([5, 2]);
  });

  it("drops links that are not http(s), repeats within one search and cuts long snippets", async () => {
    const client = await connect(
      stubBackend({
        q: [
          { title: "x", url: "javascript:alert(1)", snippet: "" },
          { ...page(1), snippet: "s".repeat(5_000) },
          page(1),
        ],
      }),
    );
    const { results } = await search(client, { query: "q" });
    expect(results).toHaveLength(1);
    expect(results[0]?.snippet.length).toBeLessThanOrEqual(601);
  });

  it("refuses a count over 10 before searching", async () => {
    const counts: number[] = [];
    const client = await connect(stubBackend({}, counts));
    const result = await client.callTool({ name: "web_search", arguments: { query: "q", count: 50 } });
    expect(result.isError).toBe(true);
    expect(counts).toEqual([]);
  });
});

describe("read_page", () => {
  async function read(client: Client, url: string) {
    const result = await client.callTool({ name: "read_page", arguments: { url } });
    return result as {
      isError?: boolean;
      structuredContent?: Record<string, unknown>;
      content: { text: string }[];
    };
  }

  it("keeps the number a search gave the page, and gives a new page the next one", async () => {
    const client = await connect(
      stubBackend({ q: [{ title: "Local", url: sitePage("/a"), snippet: "" }, page(2)] }),
    );
    await search(client, { query: "q" });
    expect((await read(client, sitePage("/a"))).structuredContent).toMatchObject({
      index: 1,
      url: sitePage("/a"),
      title: "Local",
      truncated: false,
      notice: UNTRUSTED_NOTICE,
    });
    expect((await read(client, sitePage("/b"))).structuredContent).toMatchObject({ index: 3 });
    expect((await read(client, sitePage("/moved"))).structuredContent).toMatchObject({
      index: 4,
      url: sitePage("/new-home"),
    });
  });

  it("wraps the text as untrusted and cuts it to READER_MAX_CHARS", async () => {
    const client = await connect(stubBackend({}));
    const { structuredContent } = await read(client, sitePage("/long"));
    const text = String(structuredContent?.text);
    expect(text.startsWith("<<<untrusted_web_content>>>\n")).toBe(true);
    expect(text.endsWith("\n<<</untrusted_web_content>>>")).toBe(true);
    expect(structuredContent?.truncated).toBe(true);
    expect(text.length).toBeLessThan(700);
  });

  it("answers a refused address with an error the model reads", async () => {
    const client = await connect(stubBackend({}));
    const result = await read(client, `http://127.0.0.1:${site.port}/`);
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/refused .* loopback address/);
  });
});
