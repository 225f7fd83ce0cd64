import "server-only";
import { parseQuoteResponse, type StockQuote } from "./parse-quote-response";
import { normalizeStockCode } from "./stock-code";
import { ToolError } from "./tool-error";

// Quotes come from Tencent Finance's public quote endpoint, `GET https://qt.gtimg.cn/q=sh600519`.
// It needs no key, covers all three mainland exchanges (sh / sz / bj prefixes) and is the source
// for which real recorded answers could be pinned down (see __fixtures__/README.md). Eastmoney's
// push2 JSON was the alternative, but its scaled-integer fields (`f43` = price × 100, and × 1000
// for funds) are easy to get subtly wrong without more samples than were available. This module
// asks for the quote; parse-quote-response.ts reads the answer.

export interface FetchStockQuoteOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Where `/q=sh600519` is requested from; defaults to STOCK_QUOTE_BASE_URL, then Tencent. */
  baseUrl?: string;
  timeoutMs?: number;
}

export const DEFAULT_STOCK_QUOTE_BASE_URL = "https://qt.gtimg.cn";
const DEFAULT_STOCK_QUOTE_TIMEOUT_MS = 8_000;

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
