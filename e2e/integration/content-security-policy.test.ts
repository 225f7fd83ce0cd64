import { describe, expect, inject, it } from "vitest";

// A Content-Security-Policy on every response, not only on what proxy.ts sees: a page gets its
// nonce policy, and everything else (JSON, SSE, the icon, the build's scripts and styles, the
// not-found page of a path nobody serves) at least the inert one.

const app = inject("appUrl");

async function cspOf(path: string, init: RequestInit = {}): Promise<[number, string | null]> {
  const response = await fetch(`${app}${path}`, { redirect: "manual", ...init });
  await response.body?.cancel();
  return [response.status, response.headers.get("content-security-policy")];
}

describe("Content-Security-Policy", () => {
  it("is on every response: pages, the API, the icons, the build's assets and not-found paths", async () => {
    const html = await (await fetch(`${app}/`)).text();
    const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
    const style = html.match(/href="(\/_next\/static\/[^"]+\.css)"/)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    const paths: [string, RequestInit?][] = [
      ["/"],
      ["/login"],
      ["/no-such-page"],
      ["/favicon.ico"],
      ["/icon.svg"],
      [script as string],
      [style as string],
      ["/_next/static/no-such-file.js"],
      ["/api/tools"],
      ["/api/chat", { method: "PUT" }],
    ];
    for (const [path, init] of paths) {
      const [status, csp] = await cspOf(path, init);
      expect(csp, `${path} (${status})`).toMatch(/(^|; )default-src '(none|self)'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
    }
  });
});
