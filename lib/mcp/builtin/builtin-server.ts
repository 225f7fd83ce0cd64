import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { calculate, MAX_EXPRESSION_LENGTH } from "./calculator";
import { currentTime, defaultTimeZone } from "./current-time";
import { type FetchStockQuoteOptions, fetchStockQuote } from "./stock-quote";
import { ToolError } from "./tool-error";

export interface BuiltinServerDeps {
  /** Serves the quote source's HTTP calls (tests, recorded answers). */
  fetch?: typeof fetch;
  /** The clock behind get_current_time. */
  now?: () => Date;
  /** Overrides STOCK_QUOTE_BASE_URL and the real quote source. */
  stockBaseUrl?: string;
}

export const BUILTIN_SERVER_NAME = "builtin";

const nullableNumber = (description: string) => z.number().nullable().describe(description);

const stockQuoteShape = {
  code: z.string().describe("six-digit code"),
  market: z.enum(["sh", "sz", "bj"]).describe("exchange: sh Shanghai, sz Shenzhen, bj Beijing"),
  symbol: z.string().describe("market prefix + code, e.g. sh600519"),
  name: z.string().describe("short name in Chinese"),
  price: nullableNumber("last price; null if nothing traded yet today"),
  change: nullableNumber("percent change vs previous close (1.2 = +1.2%)"),
  change_amount: nullableNumber("change vs previous close, in currency units"),
  open: nullableNumber("today's open"),
  prev_close: nullableNumber("previous close"),
  high: nullableNumber("today's high"),
  low: nullableNumber("today's low"),
  volume: nullableNumber("shares traded today"),
  volume_lots: nullableNumber("lots (手, 100 shares) traded today"),
  turnover: nullableNumber("value traded today (成交额), in currency units"),
  time: z.string().describe("exchange time of the quote, ISO 8601, +08:00"),
  currency: z.string().describe("ISO currency code, CNY for A-shares"),
  source: z.string().describe("where the quote came from"),
  note: z.string().optional().describe("caveat about the numbers, when there is one"),
};

const currentTimeShape = {
  iso: z.string().describe("ISO 8601 with UTC offset"),
  time_zone: z.string().describe("IANA zone name (or UTC±hh:mm for a fixed offset)"),
  local: z.string().describe("wall-clock time in that zone, YYYY-MM-DD HH:mm:ss"),
  weekday: z.string().describe("day of the week in English"),
  utc_offset: z.string().describe("offset from UTC, ±hh:mm"),
  unix_ms: z.number().describe("milliseconds since 1970-01-01T00:00:00Z"),
};

const calculationShape = {
  expression: z.string().describe("the expression as received"),
  result: z.number().describe("the value, rounded to 15 significant digits"),
};

/**
 * The app's own tools, served in-process over MCP so the agent loop treats them exactly like a
 * user's MCP servers. One server per connection: McpServer holds per-transport state.
 */
export function createBuiltinServer(deps: BuiltinServerDeps = {}): McpServer {
  const server = new McpServer({ name: BUILTIN_SERVER_NAME, version: "1.0.0" });

  server.registerTool(
    "get_stock_info",
    {
      title: "Stock quote (China A-shares)",
      description:
        "Real-time quote for a stock or fund listed in mainland China (Shanghai, Shenzhen and Beijing " +
        "exchanges), from Tencent Finance. `code` is the six-digit code, optionally with its market: " +
        "600519 (贵州茅台 Kweichow Moutai), 000001 (平安银行), 300750 (宁德时代 CATL), sh600519, 600519.SH. " +
        "It does not search by company name: give the code (look it up yourself if the user names the company). " +
        "Hong Kong and US stocks are not covered. Returns JSON with name; price, open, high, low and prev_close " +
        "in CNY; change = percent change vs the previous close (1.2 means +1.2%); change_amount in CNY; " +
        "volume in shares and volume_lots in 手 (100 shares); turnover (成交额) in CNY; time = when the exchange " +
        "produced the quote (ISO 8601, Beijing time; outside trading hours it is the last close). price is null " +
        "and `note` explains when nothing has traded yet today.",
      inputSchema: {
        code: z
          .string()
          .min(1)
          .max(64)
          .describe("six-digit A-share code, e.g. 600519, sz000001 or 600519.SH"),
      },
      outputSchema: stockQuoteShape,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    ({ code }, extra) => {
      const options: FetchStockQuoteOptions = { signal: extra.signal };
      if (deps.fetch) options.fetch = deps.fetch;
      if (deps.stockBaseUrl) options.baseUrl = deps.stockBaseUrl;
      return toolResult(() => fetchStockQuote(code, options));
    },
  );

  server.registerTool(
    "get_current_time",
    {
      title: "Current time",
      description:
        "The current date and time. Pass `timezone` as an IANA zone name whenever the user names a place " +
        "or zone (Asia/Shanghai for 北京时间 / China, Asia/Tokyo, Europe/London, America/New_York, UTC); a fixed " +
        `offset such as +08:00 also works. Without it the server's own zone (${defaultTimeZone()}) is used, ` +
        "which may not be the user's. Returns JSON: iso (ISO 8601 with offset), local (YYYY-MM-DD HH:mm:ss " +
        "wall-clock time), weekday (English), utc_offset, time_zone and unix_ms.",
      inputSchema: {
        timezone: z
          .string()
          .max(64)
          .optional()
          .describe("IANA time zone, e.g. Asia/Shanghai; omit for the server's zone"),
      },
      outputSchema: currentTimeShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ timezone }) => toolResult(() => currentTime(timezone, deps.now?.() ?? new Date())),
  );

  server.registerTool(
    "calculate",
    {
      title: "Calculator",
      description:
        "Evaluates an arithmetic expression exactly; use it rather than doing arithmetic in your head. " +
        "Supports + - * / % (remainder), ^ or ** (power, right-associative; -2^2 = -4), parentheses, " +
        "× ÷ and full-width （） as typed in Chinese, constants pi and e, and functions sqrt abs round " +
        "(round(x, digits)) floor ceil sin cos tan asin acos atan (radians) log (base 10; log(x, base)) ln exp " +
        "min max pow. No variables, units or percent signs: write 15% of 80 as 0.15*80. Errors name the " +
        "position (1-based) of the problem. Returns JSON {expression, result}; result is rounded to 15 " +
        "significant digits.",
      inputSchema: {
        // Generous here so an over-long expression gets the evaluator's readable message instead.
        expression: z
          .string()
          .max(MAX_EXPRESSION_LENGTH * 10)
          .describe("arithmetic expression, e.g. (1+2)*3^2 or sqrt(2)/2"),
      },
      outputSchema: calculationShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ expression }) => toolResult(() => calculate(expression)),
  );

  return server;
}

/**
 * Success → the result as JSON text (what the model reads) plus structuredContent (what the
 * outputSchema describes). A ToolError becomes an error result the model can act on; anything
 * else, including the caller's abort, propagates to the SDK.
 */
async function toolResult(
  work: () => Record<string, unknown> | Promise<Record<string, unknown>>,
): Promise<CallToolResult> {
  try {
    const result = await work();
    return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result };
  } catch (error) {
    if (error instanceof ToolError)
      return { isError: true, content: [{ type: "text", text: error.message }] };
    throw error;
  }
}
