import "server-only";
import { ToolError } from "./tool-error";

// Quotes come from Tencent Finance's public quote endpoint, `GET https://qt.gtimg.cn/q=sh600519`.
// It needs no key, covers all three mainland exchanges (sh / sz / bj prefixes) and is the source
// for which real recorded answers could be pinned down (see __fixtures__/README.md). Eastmoney's
// push2 JSON was the alternative, but its scaled-integer fields (`f43` = price × 100, and × 1000
// for funds) are easy to get subtly wrong without more samples than were available.
//
// The answer is GBK text, one JavaScript-ish statement per requested code:
//
//   v_sh600519="1~贵州茅台~600519~1459.88~1459.44~1459.44~21064~…~20260402161401~0.44~0.03~…";
//
// and, when the exchange has no such code, only `v_pv_none_match="1";` (still HTTP 200).
// Tencent publishes no contract. The `~`-separated field positions relied on below are the ones
// read by shidenggui/easyquotation (easyquotation/tencent.py: 3 now, 4 close, 5 open, 6 volume
// 手, 30 datetime %Y%m%d%H%M%S, 31 涨跌, 32 涨跌(%), 33 high, 34 low, 37 成交额(万)) and by
// Jason8080/stock (src/main/java/cn/gmlee/stock/util/TencentParser.java), and they hold for every
// recorded answer in __fixtures__ (checked by stock-quote.test.ts):
//
//    0  market tag (1 = sh, 51 = sz, 62 = bj)      30  quote time, yyyyMMddHHmmss, Beijing time
//    1  short name (中文简称)                       31  change vs previous close (CNY)
//    2  six-digit code, echoed                     32  change vs previous close (%)
//    3  last price                                 33  day high
//    4  previous close                             34  day low
//    5  open                                       35  "price/volume(lots)/turnover(CNY)"
//    6  volume in lots (手, 100 shares)            37  turnover in 10,000 CNY (万元)
//    9-28  five bid / ask levels                   82  currency (CNY); missing in older answers
//
// Prices are 0 (or blank) for fields the exchange has not produced yet, e.g. before the open.

export type Market = "sh" | "sz" | "bj";

export interface NormalizedStockCode {
  market: Market;
  /** The six digits. */
  code: string;
}

/** A quote as the tools hand it to the model: plain JSON, numbers as numbers. */
export type StockQuote = {
  /** Six-digit code, e.g. "600519". */
  code: string;
  market: Market;
  /** Market prefix and code, e.g. "sh600519". */
  symbol: string;
  name: string;
  /** Last price; null when nothing has traded yet today. */
  price: number | null;
  /** Percent change vs the previous close: 1.2 means +1.2 %. */
  change: number | null;
  /** Change vs the previous close, in `currency`. */
  change_amount: number | null;
  open: number | null;
  prev_close: number | null;
  high: number | null;
  low: number | null;
  /** Shares traded today. */
  volume: number | null;
  /** The same in lots (手) of 100 shares, the unit Chinese quote screens use. */
  volume_lots: number | null;
  /** Value traded today (成交额), in `currency`. */
  turnover: number | null;
  /** When the exchange produced the quote, ISO 8601 in Beijing time (+08:00). */
  time: string;
  currency: string;
  source: string;
  /** Set when the numbers need a caveat, e.g. no trade yet today. */
  note?: string;
};

export interface FetchStockQuoteOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Where `/q=sh600519` is requested from; defaults to STOCK_QUOTE_BASE_URL, then Tencent. */
  baseUrl?: string;
  timeoutMs?: number;
}

export const DEFAULT_STOCK_QUOTE_BASE_URL = "https://qt.gtimg.cn";
export const DEFAULT_STOCK_QUOTE_TIMEOUT_MS = 8_000;
export const STOCK_QUOTE_SOURCE = "Tencent Finance";

const MARKET_NAMES: Record<Market, string> = { sh: "Shanghai", sz: "Shenzhen", bj: "Beijing" };

/** Fewest `~` fields that still reach the day low (index 34); the oldest recorded answer has 67. */
const MIN_FIELDS = 35;

/**
 * Accepts `600519`, `sh600519`, `SH600519`, `sh.600519`, `600519.SH` and `600519.SS` (Yahoo's
 * spelling), also typed with full-width characters. A bare code's exchange follows from its first
 * digits: 6 → sh (5 → sh funds), 0 / 3 → sz (1 → sz funds), 4 / 8 / 92 → bj.
 */
export function normalizeStockCode(input: string): NormalizedStockCode {
  const text = toHalfWidth(input).replace(/\s+/g, "").toLowerCase();

  const prefixed = /^(sh|sz|bj)[.:]?(\d{6})$/.exec(text);
  if (prefixed?.[1] && prefixed[2]) return { market: prefixed[1] as Market, code: prefixed[2] };

  const suffixed = /^(\d{6})\.(sh|ss|sz|bj)$/.exec(text);
  if (suffixed?.[1] && suffixed[2]) {
    const market = suffixed[2] === "ss" ? "sh" : (suffixed[2] as Market);
    return { market, code: suffixed[1] };
  }

  if (/^\d{6}$/.test(text)) {
    const market = inferMarket(text);
    if (market) return { market, code: text };
    if (/^(2|90)/.test(text)) {
      throw new ToolError(
        "invalid_input",
        `'${shown(input)}' is a B-share code; get_stock_info quotes A-shares (and funds) only`,
      );
    }
  }
  throw new ToolError(
    "invalid_input",
    `'${shown(input)}' is not an A-share code; use six digits such as 600519`,
  );
}

function inferMarket(code: string): Market | null {
  if (code.startsWith("92")) return "bj";
  switch (code[0]) {
    case "6":
    case "5":
      return "sh";
    case "0":
    case "3":
    case "1":
      return "sz";
    case "4":
    case "8":
      return "bj";
    default:
      return null;
  }
}

/** Fetches and parses one real-time quote. Throws ToolError, or the caller's abort reason. */
export async function fetchStockQuote(
  code: string,
  options: FetchStockQuoteOptions = {},
): Promise<StockQuote> {
  const target = normalizeStockCode(code);
  // An empty STOCK_QUOTE_BASE_URL (as .env templates leave it) means "not set".
  const baseUrl = (
    options.baseUrl ??
    (process.env.STOCK_QUOTE_BASE_URL || DEFAULT_STOCK_QUOTE_BASE_URL)
  ).replace(/\/+$/, "");
  const host = hostOf(baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_STOCK_QUOTE_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? fetch;

  options.signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let bytes: Uint8Array;
  let contentType: string | null;
  try {
    const response = await raceAbort(
      fetchImpl(`${baseUrl}/q=${target.market}${target.code}`, {
        signal,
        // Not required by Tencent; they make the call look like its own quote page's, as most clients do.
        headers: { Referer: "https://gu.qq.com/", "User-Agent": "Mozilla/5.0" },
      }),
      signal,
    );
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
      throw new ToolError("unavailable", `the quote source (${host}) could not be reached: ${status}`);
    }
    contentType = response.headers.get("content-type");
    bytes = new Uint8Array(await raceAbort(response.arrayBuffer(), signal));
  } catch (error) {
    if (error instanceof ToolError) throw error;
    // The caller gave up (the chat was stopped): that is not the tool failing, so don't dress it up.
    if (options.signal?.aborted) throw options.signal.reason;
    const why = timeout.aborted ? `no answer within ${seconds(timeoutMs)}` : describeFetchError(error);
    throw new ToolError("unavailable", `the quote source (${host}) could not be reached: ${why}`, {
      cause: error,
    });
  }
  return parseQuoteResponse(decodeBody(bytes, contentType), target);
}

/**
 * Parses a qt.gtimg.cn answer (text, or the raw GBK bytes) and picks out the quote for `code`.
 * Batch answers for several codes are fine; only the requested statement is read.
 */
export function parseQuoteResponse(
  body: string | Uint8Array,
  code: string | NormalizedStockCode,
): StockQuote {
  const text = typeof body === "string" ? body : new TextDecoder("gbk").decode(body);
  const target = typeof code === "string" ? normalizeStockCode(code) : code;
  const symbol = `${target.market}${target.code}`;

  const statements = new Map<string, string>();
  for (const match of text.matchAll(/v_([A-Za-z0-9_]+)="([^"]*)"/g)) {
    if (match[1] !== undefined && match[2] !== undefined) statements.set(match[1], match[2]);
  }
  const value = statements.get(symbol);

  if (value === undefined || value.trim() === "") {
    if (statements.has("pv_none_match") || value !== undefined) {
      throw new ToolError(
        "not_found",
        `there is no listed security ${target.code} on the ${MARKET_NAMES[target.market]} exchange (${symbol}); ` +
          "check the code (for example 600519 is 贵州茅台)",
      );
    }
    if (statements.size === 0) {
      throw new ToolError(
        "bad_response",
        `the quote source sent something that is not a quote for ${symbol} (${snippet(text)}); ` +
          "it may be rate-limiting, try again later",
      );
    }
    throw new ToolError(
      "bad_response",
      `the quote source answered for ${[...statements.keys()].join(", ")} but not for ${symbol}`,
    );
  }

  const fields = value.split("~");
  const bad = (what: string) =>
    new ToolError("bad_response", `the quote source sent a malformed quote for ${symbol}: ${what}`);
  if (fields.length < MIN_FIELDS) throw bad(`${fields.length} fields, expected at least ${MIN_FIELDS}`);
  if (fields[2]?.trim() !== target.code) throw bad(`it is for code '${fields[2] ?? ""}'`);

  const name = cleanName(fields[1] ?? "");
  if (name === "") throw bad("the name is empty");
  const time = beijingTime(fields[30] ?? "");
  if (time === null) throw bad(`unreadable quote time '${fields[30] ?? ""}'`);

  const prevClose = positive(decimal(fields[4]));
  const lots = decimal(fields[6]);
  // A price of 0 is the source's "nothing yet", not a crash to zero.
  const price = positive(decimal(fields[3]));
  let changeAmount = price === null ? null : decimal(fields[31]);
  let change = price === null ? null : decimal(fields[32]);
  if (price !== null && prevClose !== null) {
    changeAmount ??= round(price - prevClose, 4);
    change ??= round(((price - prevClose) / prevClose) * 100, 2);
  }

  const quote: StockQuote = {
    code: target.code,
    market: target.market,
    symbol,
    name,
    price,
    change,
    change_amount: changeAmount,
    open: positive(decimal(fields[5])),
    prev_close: prevClose,
    high: positive(decimal(fields[33])),
    low: positive(decimal(fields[34])),
    volume: lots === null ? null : Math.round(lots * 100),
    volume_lots: lots,
    turnover: turnoverYuan(fields),
    time,
    currency: currencyOf(fields),
    source: STOCK_QUOTE_SOURCE,
  };
  if (price === null || lots === 0) {
    quote.note =
      "nothing has traded yet today (before the open, or trading is suspended); prev_close is the last closing price";
  }
  return quote;
}

function turnoverYuan(fields: readonly string[]): number | null {
  // Field 35 carries the exact figure in yuan; field 37 is the same rounded to 万元.
  const exact = decimal(fields[35]?.split("/")[2]);
  if (exact !== null) return exact;
  const wan = decimal(fields[37]);
  return wan === null ? null : round(wan * 10_000, 2);
}

function currencyOf(fields: readonly string[]): string {
  // Field 82 in current answers, absent from older ones (the 2020 fixture); looking for it rather
  // than indexing keeps a layout shift from turning some other field into a "currency".
  for (let i = 60; i < fields.length; i++) {
    const field = fields[i];
    if (field === "CNY" || field === "HKD" || field === "USD") return field;
  }
  return "CNY";
}

function beijingTime(raw: string): string | null {
  // A-share answers use yyyyMMddHHmmss; Tencent's other layouts use "yyyy/MM/dd HH:mm:ss".
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

function decimal(raw: string | undefined): number | null {
  const text = raw?.trim();
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function positive(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function cleanName(raw: string): string {
  // Older answers pad short names to a fixed width: "五 粮 液".
  return raw.trim().replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, "$1");
}

function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  // Tencent labels its answers GBK; a test or scripted server may serve UTF-8 and say so.
  const label = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1] ?? "gbk";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("gbk").decode(bytes);
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // An injected fetch may ignore the signal; the timeout and the caller's abort must still win.
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch says only "fetch failed"; the useful part (ENOTFOUND, ECONNREFUSED…) is the cause.
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== error.message ? `${error.message} (${cause})` : error.message;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function snippet(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "an empty answer";
  return `'${trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed}'`;
}

function shown(input: string): string {
  return input.length > 40 ? `${input.slice(0, 40)}…` : input;
}

function toHalfWidth(text: string): string {
  // Full-width ASCII (ＦＦ０１–ＦＦ５Ｅ) is what Chinese IMEs produce for "６００５１９" or "ｓｈ".
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}
