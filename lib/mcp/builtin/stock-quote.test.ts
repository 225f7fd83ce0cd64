import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseQuoteResponse, type StockQuote } from "./parse-quote-response";
import { normalizeStockCode } from "./stock-code";
import { DEFAULT_STOCK_QUOTE_BASE_URL, fetchStockQuote } from "./stock-quote";
import { ToolError } from "./tool-error";

/** The recorded answer's bytes, GBK as qt.gtimg.cn sends them (see __fixtures__/README.md). */
function fixture(name: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

function gbkResponse(body: Uint8Array<ArrayBuffer>, init: ResponseInit = {}): Response {
  return new Response(body, { headers: { "content-type": "text/html; charset=GBK" }, ...init });
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

const base = { currency: "CNY", source: "Tencent Finance" } as const;

// Every quote in every recorded answer, with the values read off its fields by hand.
const RECORDED: Array<[file: string, code: string, expected: StockQuote]> = [
  [
    "tencent-sh600519.gbk.txt",
    "600519",
    {
      ...base,
      code: "600519",
      market: "sh",
      symbol: "sh600519",
      name: "贵州茅台",
      price: 1459.88,
      change: 0.03,
      change_amount: 0.44,
      open: 1459.44,
      prev_close: 1459.44,
      high: 1464.88,
      low: 1452.1,
      volume: 2_106_400,
      volume_lots: 21_064,
      turnover: 3_071_809_846,
      time: "2026-04-02T16:14:01+08:00",
    },
  ],
  [
    "tencent-sz300059-sz002008.gbk.txt",
    "300059",
    {
      ...base,
      code: "300059",
      market: "sz",
      symbol: "sz300059",
      name: "东方财富",
      price: 25.63,
      change: -6.49,
      change_amount: -1.78,
      open: 27.34,
      prev_close: 27.41,
      high: 27.55,
      low: 25.59,
      volume: 1_139_645_600,
      volume_lots: 11_396_456,
      turnover: 30_195_067_880,
      time: "2024-11-15T16:14:39+08:00",
    },
  ],
  [
    "tencent-sz300059-sz002008.gbk.txt",
    "sz002008",
    {
      ...base,
      code: "002008",
      market: "sz",
      symbol: "sz002008",
      name: "大族激光",
      price: 28.2,
      change: 5.7,
      change_amount: 1.52,
      open: 26.59,
      prev_close: 26.68,
      high: 29.35,
      low: 26.48,
      volume: 131_525_700,
      volume_lots: 1_315_257,
      turnover: 3_742_572_101,
      time: "2024-11-15T16:14:03+08:00",
    },
  ],
  [
    "tencent-sh510500.gbk.txt",
    "510500",
    {
      ...base,
      code: "510500",
      market: "sh",
      symbol: "sh510500",
      name: "500ETF",
      price: 7.224,
      change: 1.05,
      change_amount: 0.075,
      open: 7.147,
      prev_close: 7.149,
      high: 7.28,
      low: 7.085,
      volume: 272_478_100,
      volume_lots: 2_724_781,
      turnover: 1_964_297_124,
      time: "2020-07-31T15:40:41+08:00",
    },
  ],
  [
    "tencent-sh600036-sz000001-bj920002.gbk.txt",
    "600036.SH",
    {
      ...base,
      code: "600036",
      market: "sh",
      symbol: "sh600036",
      name: "招商银行",
      price: 41.26,
      change: 1.85,
      change_amount: 0.75,
      open: 40.59,
      prev_close: 40.51,
      high: 41.38,
      low: 40.52,
      volume: 69_987_100,
      volume_lots: 699_871,
      turnover: 2_878_465_122,
      time: "2026-09-30T16:14:47+08:00",
    },
  ],
  [
    "tencent-sh600036-sz000001-bj920002.gbk.txt",
    "000001",
    {
      ...base,
      code: "000001",
      market: "sz",
      symbol: "sz000001",
      name: "平安银行",
      price: 11.57,
      change: 1.94,
      change_amount: 0.22,
      open: 11.36,
      prev_close: 11.35,
      high: 11.65,
      low: 11.33,
      volume: 104_535_700,
      volume_lots: 1_045_357,
      turnover: 1_205_814_858,
      time: "2026-09-30T16:15:00+08:00",
    },
  ],
  [
    "tencent-sh600036-sz000001-bj920002.gbk.txt",
    "920002",
    {
      ...base,
      code: "920002",
      market: "bj",
      symbol: "bj920002",
      name: "万达轴承",
      price: 51.94,
      change: -0.73,
      change_amount: -0.38,
      open: 51.56,
      prev_close: 52.32,
      high: 55.9,
      low: 50.33,
      volume: 1_968_000,
      volume_lots: 19_680,
      turnover: 103_030_092,
      time: "2026-09-30T15:34:30+08:00",
    },
  ],
];

/** A recorded statement with some `~` fields replaced, for cases no recording covers. */
function variant(fields: Record<number, string>): string {
  const text = new TextDecoder("gbk").decode(fixture("tencent-sh600519.gbk.txt"));
  const value = /="([^"]*)"/.exec(text)?.[1] ?? "";
  const parts = value.split("~");
  for (const [index, field] of Object.entries(fields)) parts[Number(index)] = field;
  return `v_sh600519="${parts.join("~")}";\n`;
}

describe("parseQuoteResponse on recorded answers", () => {
  it.each(RECORDED)("%s → %s", (file, code, expected) => {
    expect(parseQuoteResponse(fixture(file), code)).toStrictEqual(expected);
  });

  it("reads decoded text the same as the raw GBK bytes", () => {
    const bytes = fixture("tencent-sh600519.gbk.txt");
    expect(parseQuoteResponse(new TextDecoder("gbk").decode(bytes), "600519")).toStrictEqual(
      parseQuoteResponse(bytes, "600519"),
    );
  });

  it("reports the recorded unknown-code answer as not found", () => {
    const error = caught(() => parseQuoteResponse(fixture("tencent-unknown-code.gbk.txt"), "699999"));
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({ kind: "not_found" });
    expect((error as Error).message).toBe(
      "there is no listed security 699999 on the Shanghai exchange (sh699999); check the code (for example 600519 is 贵州茅台)",
    );
  });

  it("treats an empty statement for the code as not found", () => {
    expect(() => parseQuoteResponse('v_sz000000="";\n', "000000")).toThrow(/no listed security 000000/);
  });

  it("says so when a batch answer lacks the requested code", () => {
    const error = caught(() => parseQuoteResponse(fixture("tencent-sz300059-sz002008.gbk.txt"), "000001"));
    expect(error).toMatchObject({
      kind: "bad_response",
      message: "the quote source answered for sz300059, sz002008 but not for sz000001",
    });
  });

  it("rejects an answer that is not a quote at all", () => {
    const error = caught(() => parseQuoteResponse("<html><body>403 Forbidden</body></html>", "600519"));
    expect(error).toMatchObject({ kind: "bad_response" });
    expect((error as Error).message).toMatch(/not a quote for sh600519 \('<html>.*rate-limiting/);
    expect(() => parseQuoteResponse("", "600519")).toThrow(/an empty answer/);
  });

  it("rejects a truncated quote", () => {
    expect(() => parseQuoteResponse('v_sh600519="1~贵州茅台~600519~1459.88";', "600519")).toThrow(
      "the quote source sent a malformed quote for sh600519: 4 fields, expected at least 35",
    );
  });

  it("rejects a quote whose echoed code differs", () => {
    expect(() => parseQuoteResponse(variant({ 2: "600520" }), "600519")).toThrow(/it is for code '600520'/);
  });

  it("rejects an unreadable quote time", () => {
    expect(() => parseQuoteResponse(variant({ 30: "soon" }), "600519")).toThrow(
      /unreadable quote time 'soon'/,
    );
  });

  it("accepts the slash-separated time layout", () => {
    expect(parseQuoteResponse(variant({ 30: "2026/08/07 16:14:36" }), "600519").time).toBe(
      "2026-08-07T16:14:36+08:00",
    );
  });

  it("gives null price and a note when nothing has traded yet", () => {
    const quote = parseQuoteResponse(
      variant({ 3: "0.00", 5: "0.00", 6: "0", 33: "0.00", 34: "0.00" }),
      "600519",
    );
    expect(quote).toMatchObject({
      price: null,
      change: null,
      change_amount: null,
      open: null,
      high: null,
      low: null,
      prev_close: 1459.44,
      volume: 0,
    });
    expect(quote.note).toMatch(/nothing has traded yet today/);
  });

  it("computes the change when the source leaves it blank", () => {
    const quote = parseQuoteResponse(variant({ 31: "", 32: "" }), "600519");
    expect(quote.change_amount).toBe(0.44);
    expect(quote.change).toBe(0.03);
  });

  it("falls back to the 万元 turnover field", () => {
    expect(parseQuoteResponse(variant({ 35: "" }), "600519").turnover).toBe(3_071_810_000);
  });

  it("joins names padded with spaces", () => {
    expect(parseQuoteResponse(variant({ 1: "五 粮 液" }), "600519").name).toBe("五粮液");
  });
});

describe("normalizeStockCode", () => {
  it.each([
    ["600519", "sh", "600519"],
    ["601318", "sh", "601318"],
    ["688981", "sh", "688981"],
    ["510500", "sh", "510500"],
    ["000001", "sz", "000001"],
    ["002594", "sz", "002594"],
    ["300750", "sz", "300750"],
    ["159915", "sz", "159915"],
    ["920002", "bj", "920002"],
    ["830799", "bj", "830799"],
    ["430047", "bj", "430047"],
    ["sh600519", "sh", "600519"],
    ["SH600519", "sh", "600519"],
    ["sh.600519", "sh", "600519"],
    ["sz000001", "sz", "000001"],
    ["bj920002", "bj", "920002"],
    ["600519.SH", "sh", "600519"],
    ["600519.ss", "sh", "600519"],
    ["000001.SZ", "sz", "000001"],
    ["920002.BJ", "bj", "920002"],
    [" 600519 ", "sh", "600519"],
    ["６００５１９", "sh", "600519"],
    ["ｓｚ０００００１", "sz", "000001"],
  ])("%s → %s%s", (input, market, code) => {
    expect(normalizeStockCode(input)).toEqual({ market, code });
  });

  it.each(["abc", "", "60051", "6005190", "sh60051", "600519.HK", "hk00700", "AAPL", "700001", "茅台"])(
    "rejects %j",
    (input) => {
      const error = caught(() => normalizeStockCode(input));
      expect(error).toBeInstanceOf(ToolError);
      expect(error).toMatchObject({
        kind: "invalid_input",
        message: `'${input}' is not an A-share code; use six digits such as 600519`,
      });
    },
  );

  it.each(["200002", "900901"])("explains that %s is a B-share", (input) => {
    expect(() => normalizeStockCode(input)).toThrow(`'${input}' is a B-share code`);
  });
});

describe("fetchStockQuote", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("requests the code from Tencent and parses the GBK answer", async () => {
    vi.stubEnv("STOCK_QUOTE_BASE_URL", "");
    const fetchMock = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      gbkResponse(fixture("tencent-sh600519.gbk.txt")),
    );
    const quote = await fetchStockQuote("600519", { fetch: fetchMock });
    expect(quote.name).toBe("贵州茅台");
    expect(quote.price).toBe(1459.88);
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(`${DEFAULT_STOCK_QUOTE_BASE_URL}/q=sh600519`);
    expect(fetchMock.mock.calls[0]?.[1]?.signal).toBeInstanceOf(AbortSignal);
  });

  it("takes the base URL from STOCK_QUOTE_BASE_URL, and options.baseUrl over that", async () => {
    const urls: string[] = [];
    const fetchMock = async (url: string | URL | Request) => {
      urls.push(String(url));
      return gbkResponse(fixture("tencent-sh600036-sz000001-bj920002.gbk.txt"));
    };
    vi.stubEnv("STOCK_QUOTE_BASE_URL", "http://127.0.0.1:9/quotes/");
    await fetchStockQuote("000001", { fetch: fetchMock });
    await fetchStockQuote("920002", { fetch: fetchMock, baseUrl: "http://localhost:8/tencent" });
    expect(urls).toEqual(["http://127.0.0.1:9/quotes/q=sz000001", "http://localhost:8/tencent/q=bj920002"]);
  });

  it("decodes UTF-8 when the server says so", async () => {
    const body = new TextDecoder("gbk").decode(fixture("tencent-sh600519.gbk.txt"));
    const quote = await fetchStockQuote("600519", {
      fetch: async () => new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } }),
    });
    expect(quote.name).toBe("贵州茅台");
  });

  it("turns HTTP 500 into a readable ToolError", async () => {
    const error = await fetchStockQuote("600519", {
      baseUrl: DEFAULT_STOCK_QUOTE_BASE_URL,
      fetch: async () => new Response("oops", { status: 500, statusText: "Internal Server Error" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({
      kind: "unavailable",
      message: "the quote source (qt.gtimg.cn) could not be reached: HTTP 500 Internal Server Error",
    });
  });

  it("turns a network failure into a readable ToolError", async () => {
    const error = await fetchStockQuote("600519", {
      baseUrl: DEFAULT_STOCK_QUOTE_BASE_URL,
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: new Error("getaddrinfo ENOTFOUND qt.gtimg.cn") });
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "unavailable",
      message:
        "the quote source (qt.gtimg.cn) could not be reached: fetch failed (getaddrinfo ENOTFOUND qt.gtimg.cn)",
    });
  });

  it("gives up after the timeout even if fetch ignores its signal", async () => {
    const error = await fetchStockQuote("600519", {
      baseUrl: DEFAULT_STOCK_QUOTE_BASE_URL,
      timeoutMs: 30,
      fetch: () => new Promise<Response>(() => {}),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "unavailable",
      message: "the quote source (qt.gtimg.cn) could not be reached: no answer within 30 ms",
    });
  });

  it("reports an unknown code", async () => {
    const error = await fetchStockQuote("sh699999", {
      fetch: async () => gbkResponse(fixture("tencent-unknown-code.gbk.txt")),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "not_found" });
    expect((error as Error).message).toMatch(/no listed security 699999 on the Shanghai exchange/);
  });

  it("rejects an invalid code without calling the source", async () => {
    const fetchMock = vi.fn(async () => gbkResponse(fixture("tencent-sh600519.gbk.txt")));
    await expect(fetchStockQuote("abc", { fetch: fetchMock })).rejects.toThrow(
      "'abc' is not an A-share code; use six digits such as 600519",
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("rethrows the caller's abort as an AbortError, not a ToolError", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const pending = fetchStockQuote("600519", {
      signal: controller.signal,
      fetch: (_url, init) => {
        seen = init?.signal ?? undefined;
        return new Promise<Response>(() => {}); // never answers; only the abort can end this
      },
    }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(seen).toBeDefined());
    controller.abort();
    const error = await pending;
    expect(error).not.toBeInstanceOf(ToolError);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(seen?.aborted).toBe(true);
  });

  it("does not call the source when already aborted", async () => {
    const fetchMock = vi.fn(async () => gbkResponse(fixture("tencent-sh600519.gbk.txt")));
    const error = await fetchStockQuote("600519", { fetch: fetchMock, signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "AbortError" });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  describe("over real HTTP on loopback", () => {
    let server: Server | undefined;

    afterEach(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
      const listening = createServer(handler);
      server = listening;
      await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    }

    it("fetches and decodes a recorded answer with the real fetch", async () => {
      const requested: string[] = [];
      const baseUrl = await serve((req, res) => {
        requested.push(req.url ?? "");
        res.writeHead(200, { "content-type": "text/html; charset=GBK" });
        res.end(Buffer.from(fixture("tencent-sz300059-sz002008.gbk.txt")));
      });
      const quote = await fetchStockQuote("300059", { baseUrl });
      expect(requested).toEqual(["/q=sz300059"]);
      expect(quote).toMatchObject({ name: "东方财富", price: 25.63, change: -6.49 });
    });

    it("names the host when nothing listens there", async () => {
      const baseUrl = await serve(() => {});
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
      const error = await fetchStockQuote("600519", { baseUrl }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "unavailable" });
      expect((error as Error).message).toMatch(
        new RegExp(
          `^the quote source \\(${baseUrl.slice("http://".length)}\\) could not be reached: fetch failed`,
        ),
      );
    });
  });
});
