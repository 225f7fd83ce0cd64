import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolError } from "@/lib/mcp/builtin/tool-error";
import { type LocalSite, startLocalSite } from "@/lib/testing/web-fakes/local-site";
import { type Resolve, type SafeFetchOptions, safeFetch } from "./safe-fetch";

// Issue 21's Done-when: for every address the reader must refuse, a listener on 127.0.0.1 accepts
// zero connections. A "public" site for the redirect cases is a second local listener reached
// through the operator's allow-list and an injected resolver; production code has no switch.

let trap: LocalSite;
let site: LocalSite;

/** The names the tests use, and what the resolver says for them. */
const zone: Record<string, string[]> = {
  "intranet.test": ["127.0.0.1"],
  "mixed.test": ["93.184.216.34", "10.0.0.7"],
  "public.test": ["127.0.0.1"],
};
const zoneResolve: Resolve = async (host) => {
  const addresses = zone[host];
  if (!addresses) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

beforeAll(async () => {
  trap = await startLocalSite();
  site = await startLocalSite({
    "/to-trap": (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${trap.port}/` });
      res.end();
    },
    "/to-intranet": (_req, res) => {
      res.writeHead(301, { location: `http://intranet.test:${trap.port}/admin` });
      res.end();
    },
    "/to-mapped": (_req, res) => {
      res.writeHead(307, { location: `http://[::ffff:127.0.0.1]:${trap.port}/` });
      res.end();
    },
    "/loop": (_req, res) => {
      res.writeHead(302, { location: "/loop" });
      res.end();
    },
    "/big": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(10_000));
    },
    "/bomb": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      res.end(gzipSync(Buffer.alloc(200_000)));
    },
    "/gzip": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      res.end(gzipSync("hello, compressed"));
    },
    "/hang": () => {},
    "/redirect-ok": (_req, res) => {
      res.writeHead(302, { location: "/final" });
      res.end();
    },
  });
});
afterAll(async () => {
  await Promise.all([trap.close(), site.close()]);
});

function options(overrides: Partial<SafeFetchOptions> = {}): SafeFetchOptions {
  return {
    maxBytes: 4_096,
    timeoutMs: 2_000,
    allowHosts: ["public.test"],
    signal: new AbortController().signal,
    resolve: zoneResolve,
    ...overrides,
  };
}

async function refusal(url: string, overrides: Partial<SafeFetchOptions> = {}): Promise<string> {
  const error = await safeFetch(url, options(overrides)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ToolError)) throw new Error(`expected a ToolError for ${url}, got ${String(error)}`);
  return error.message;
}

describe("safeFetch refuses, and the listener on 127.0.0.1 accepts nothing", () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ["127.0.0.1", () => `http://127.0.0.1:${trap.port}/`, /127\.0\.0\.1 is a loopback address/],
    ["localhost spelled as [::1]", () => `http://[::1]:${trap.port}/`, /::1 is a loopback address/],
    ["10.x", () => `http://10.0.0.1:${trap.port}/`, /private address/],
    ["100.64.x", () => `http://100.64.0.1:${trap.port}/`, /carrier-grade NAT/],
    ["the metadata address", () => "http://169.254.169.254/latest/meta-data/", /link-local/],
    ["IPv6 metadata", () => "http://[fd00:ec2::254]/", /unique local/],
    ["decimal 2130706433", () => `http://2130706433:${trap.port}/`, /127\.0\.0\.1 is a loopback/],
    ["hex 0x7f.1", () => `http://0x7f.1:${trap.port}/`, /127\.0\.0\.1 is a loopback/],
    ["octal 0177.0.0.1", () => `http://0177.0.0.1:${trap.port}/`, /127\.0\.0\.1 is a loopback/],
    ["[::ffff:127.0.0.1]", () => `http://[::ffff:127.0.0.1]:${trap.port}/`, /loopback/],
    ["0.0.0.0", () => `http://0.0.0.0:${trap.port}/`, /unspecified/],
    [
      "a name resolving to 127.0.0.1",
      () => `http://intranet.test:${trap.port}/`,
      /intranet\.test resolves to a loopback/,
    ],
    [
      "a name with one private address among public ones",
      () => `http://mixed.test:${trap.port}/`,
      /private address/,
    ],
    [
      "a redirect to 127.0.0.1",
      () => `http://public.test:${site.port}/to-trap`,
      /127\.0\.0\.1 is a loopback/,
    ],
    [
      "a redirect to a name resolving to 127.0.0.1",
      () => `http://public.test:${site.port}/to-intranet`,
      /intranet\.test resolves/,
    ],
    ["a redirect to [::ffff:127.0.0.1]", () => `http://public.test:${site.port}/to-mapped`, /loopback/],
    ["file:", () => "file:///etc/passwd", /file: is not http or https/],
    ["ftp:", () => `ftp://127.0.0.1:${trap.port}/`, /ftp: is not http or https/],
    ["credentials in the URL", () => `http://user:pw@public.test:${trap.port}/`, /user name or password/],
  ];

  it.each(cases)("%s", async (_name, url, message) => {
    const before = trap.connections;
    expect(await refusal(url())).toMatch(message);
    expect(trap.connections).toBe(before);
  });

  it("resolves once and connects to the address it checked, so DNS rebinding reaches nothing", async () => {
    const answers = ["93.184.216.34", "127.0.0.1"];
    let lookups = 0;
    const rebinding: Resolve = async () => {
      const address = answers[Math.min(lookups++, answers.length - 1)] ?? "127.0.0.1";
      return [{ address, family: 4 }];
    };
    const before = trap.connections;
    // 93.184.216.34 is unreachable here: the read fails or times out, but never lands on the trap.
    await refusal(`http://rebind.test:${trap.port}/`, { resolve: rebinding, timeoutMs: 500 });
    expect(lookups).toBe(1);
    expect(trap.connections).toBe(before);
  });
});

describe("safeFetch reads", () => {
  it("an allowed host, keeping its name in the Host header, and follows a redirect", async () => {
    const page = await safeFetch(`http://public.test:${site.port}/redirect-ok`, options());
    expect(page.url).toBe(`http://public.test:${site.port}/final`);
    expect(new TextDecoder().decode(page.body)).toContain("secret internal page");
    expect(site.hosts.at(-1)).toBe(`public.test:${site.port}`);
  });

  it("a compressed body", async () => {
    const page = await safeFetch(`http://public.test:${site.port}/gzip`, options());
    expect(new TextDecoder().decode(page.body)).toBe("hello, compressed");
  });

  it.each([
    ["a body over the size limit", "/big", /larger than 4096 bytes \(READER_MAX_BYTES\)/],
    ["a compressed body that grows past it", "/bomb", /larger than 4096 bytes/],
    ["endless redirects", "/loop", /redirects more than 5 times/],
  ])("refuses %s", async (_name, path, message) => {
    expect(await refusal(`http://public.test:${site.port}${path}`)).toMatch(message);
  });

  it("gives up on a page slower than its time limit", async () => {
    expect(await refusal(`http://public.test:${site.port}/hang`, { timeoutMs: 200 })).toMatch(
      /did not load within 0.2 s \(READER_TIMEOUT_MS\)/,
    );
  });

  it("says when a name does not resolve", async () => {
    expect(await refusal("http://nowhere.test/")).toMatch(/could not be found/);
  });
});
