import "server-only";
import type { McpServer, RegisteredTool } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { BuiltinServerDeps } from "./builtin-server";
import { type FetchStockQuoteOptions, fetchStockQuote } from "./stock-quote";
import { toolResult } from "./tool-result";

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

/** get_stock_info: a real-time quote from the quote source (stock-quote.ts). */
export function registerStockQuoteTool(server: McpServer, deps: BuiltinServerDeps): RegisteredTool {
  return server.registerTool(
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
}
