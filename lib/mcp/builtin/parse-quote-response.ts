import "server-only";
import { type Market, type NormalizedStockCode, normalizeStockCode } from "./stock-code";
import { ToolError } from "./tool-error";

// What Tencent Finance's quote endpoint answers (the request itself: stock-quote.ts). The answer
// is GBK text, one JavaScript-ish statement per requested code:
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

const STOCK_QUOTE_SOURCE = "Tencent Finance";

const MARKET_NAMES: Record<Market, string> = { sh: "Shanghai", sz: "Shenzhen", bj: "Beijing" };

/** Fewest `~` fields that still reach the day low (index 34); the oldest recorded answer has 67. */
const MIN_FIELDS = 35;

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

  const fields = statementFor(text, target).split("~");
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

/** The requested code's statement, or the reason the answer has none. */
function statementFor(text: string, target: NormalizedStockCode): string {
  const symbol = `${target.market}${target.code}`;
  const statements = new Map<string, string>();
  for (const match of text.matchAll(/v_([A-Za-z0-9_]+)="([^"]*)"/g)) {
    if (match[1] !== undefined && match[2] !== undefined) statements.set(match[1], match[2]);
  }
  const value = statements.get(symbol);
  if (value !== undefined && value.trim() !== "") return value;

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

function snippet(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "an empty answer";
  return `'${trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed}'`;
}
