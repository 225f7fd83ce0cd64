import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";
import { ToolError } from "@/lib/mcp/builtin/tool-error";
import { addressRefusal } from "./address-policy";

// The page reader's only way onto the network, built against SSRF: each hop's host is resolved
// once, every address it resolves to must be public (address-policy.ts), and the connection goes
// to that very address (a pinned lookup), so a name that answers differently the second time
// gains nothing. Redirects are followed by hand and checked the same way; http and https only;
// the body has a size cap and the whole read a time cap.

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of a host name, as dns.lookup({all: true}) gives them. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Host names (lower case) the operator lets through although they resolve to private addresses. */
  allowHosts: readonly string[];
  signal: AbortSignal;
  /** The resolver; the system's (getaddrinfo, as the rest of Node uses) by default. */
  resolve?: Resolve;
}

export interface Fetched {
  /** The final URL, after redirects. */
  url: string;
  contentType: string;
  body: Uint8Array;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "Mozilla/5.0 (compatible; deepseek-chat-reader/1.0)";
const ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5";

const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function refused(url: URL, why: string): ToolError {
  return new ToolError(
    "invalid_input",
    `The reader refused ${url.href}: ${why}. It reads public web pages only; answer from what you already have.`,
  );
}

/** A promise that gives up when `signal` aborts (dns.lookup itself cannot be cancelled). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The one address this hop connects to, checked; a ToolError when the hop must not be made. */
async function destination(
  url: URL,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<ResolvedAddress> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw refused(url, `${url.protocol} is not http or https`);
  if (url.username || url.password) throw refused(url, "the URL carries a user name or password");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const allowed = options.allowHosts.includes(host);
  if (isIP(host)) {
    const reason = allowed ? undefined : addressRefusal(host);
    if (reason) throw refused(url, `${host} is ${reason}`);
    return { address: host, family: isIP(host) };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await abortable((options.resolve ?? systemResolve)(host), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ToolError("not_found", `The host ${host} could not be found (DNS); check the URL.`);
  }
  const [first] = addresses;
  if (!first) throw new ToolError("not_found", `The host ${host} has no address; check the URL.`);
  if (!allowed) {
    for (const { address } of addresses) {
      const reason = addressRefusal(address);
      if (reason) throw refused(url, `${host} resolves to ${reason}`);
    }
  }
  return first;
}

/** One GET to `to`, whatever the name would resolve to now; Host and TLS name stay the URL's. */
function get(url: URL, to: ResolvedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  const secure = url.protocol === "https:";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const pinned: LookupFunction = (_name, options, callback) => {
    if (options.all) callback(null, [to]);
    else callback(null, to.address, to.family);
  };
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      {
        host,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: {
          host: url.host,
          "user-agent": USER_AGENT,
          accept: ACCEPT,
          "accept-encoding": "gzip, deflate, br",
        },
        lookup: pinned,
        signal,
        // A socket of its own: never one a keep-alive pool opened for another address.
        agent: false,
        ...(secure && !isIP(host) ? { servername: host } : {}),
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers["content-encoding"] ?? "").toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : undefined;
  return decoder ? pipeline(response, decoder, () => {}) : response;
}

/** The body, decompressed, refused past `maxBytes` (counted after decompression: no zip bombs). */
async function readBody(response: IncomingMessage, url: URL, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => {
    response.destroy();
    return new ToolError(
      "invalid_input",
      `The page at ${url.href} is larger than ${maxBytes} bytes (READER_MAX_BYTES).`,
    );
  };
  if (Number(response.headers["content-length"] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decoded(response)) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function statusError(url: URL, status: number): ToolError {
  if (status === 404 || status === 410)
    return new ToolError("not_found", `${url.href} was not found (HTTP ${status}).`);
  return new ToolError("unavailable", `${url.href} answered HTTP ${status}; the page could not be read.`);
}

async function follow(start: URL, options: SafeFetchOptions, signal: AbortSignal): Promise<Fetched> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await get(url, await destination(url, options, signal), signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.destroy();
      if (hop >= MAX_REDIRECTS)
        throw new ToolError("unavailable", `${start.href} redirects more than ${MAX_REDIRECTS} times.`);
      url = new URL(location, url);
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw statusError(url, status);
    }
    const contentType = String(response.headers["content-type"] ?? "");
    return { url: url.href, contentType, body: await readBody(response, url, options.maxBytes) };
  }
}

/** GET `input` under the reader's rules; a ToolError for every refusal and failure, the caller's abort as is. */
export async function safeFetch(input: string, options: SafeFetchOptions): Promise<Fetched> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ToolError(
      "invalid_input",
      `${JSON.stringify(input)} is not a URL; give a full http(s):// address.`,
    );
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  try {
    return await follow(url, options, signal);
  } catch (error) {
    if (error instanceof ToolError || options.signal.aborted) throw error;
    if (timeout.aborted)
      throw new ToolError(
        "unavailable",
        `The page did not load within ${options.timeoutMs / 1000} s (READER_TIMEOUT_MS).`,
      );
    const code = (error as NodeJS.ErrnoException).code;
    throw new ToolError(
      "unavailable",
      `The page could not be fetched (${code ?? (error as Error).message}).`,
    );
  }
}
