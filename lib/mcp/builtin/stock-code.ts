import "server-only";
import { ToolError } from "./tool-error";

// The stock codes get_stock_info accepts, read into the exchange and six digits the quote source
// is asked for.

export type Market = "sh" | "sz" | "bj";

export interface NormalizedStockCode {
  market: Market;
  /** The six digits. */
  code: string;
}

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

function shown(input: string): string {
  return input.length > 40 ? `${input.slice(0, 40)}…` : input;
}

function toHalfWidth(text: string): string {
  // Full-width ASCII (ＦＦ０１–ＦＦ５Ｅ) is what Chinese IMEs produce for "６００５１９" or "ｓｈ".
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}
