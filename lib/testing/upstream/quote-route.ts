import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";

// Stands in for Tencent's quote service (qt.gtimg.cn) so get_stock_info can run end to end here:
// `GET /quote/q=sh600519` answers the recorded GBK response, any other code the real "no match".

const fixtures = new URL("../../mcp/builtin/__fixtures__/", import.meta.url);
const recorded: Record<string, Buffer> = {
  sh600519: readFileSync(new URL("tencent-sh600519.gbk.txt", fixtures)),
};
const unknown = readFileSync(new URL("tencent-unknown-code.gbk.txt", fixtures));

export const QUOTE_PREFIX = "/quote/";

export function quoteRoute(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://upstream").pathname;
  const symbol = decodeURIComponent(path.slice(QUOTE_PREFIX.length)).replace(/^q=/, "").split(",")[0] ?? "";
  res.writeHead(200, { "content-type": "text/html; charset=GBK" });
  res.end(recorded[symbol] ?? unknown);
}
