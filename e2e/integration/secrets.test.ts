import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { nonce } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// The API key never leaves the server: not in the build output (npm test builds with a canary
// key in the environment, so anything that inlines it would show), not in any response.

const app = inject("appUrl");
const root = join(import.meta.dirname, "../..");
const BUILD_CANARY = "sk-build-canary-do-not-ship";
const RUNTIME_KEY = TEST_ENV.DEEPSEEK_API_KEY;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      // The build cache holds copies of sources and compiler state, not what is served.
      if (name !== "cache") yield* files(path);
    } else yield path;
  }
}

describe("the API key stays on the server", () => {
  it("is nowhere in .next/", () => {
    const leaks: string[] = [];
    let count = 0;
    for (const path of files(join(root, ".next"))) {
      count++;
      const text = readFileSync(path, "latin1");
      if (text.includes(BUILD_CANARY) || text.includes(RUNTIME_KEY)) leaks.push(path);
    }
    expect(count).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });

  it("is in no response: pages, scripts, tools, streams and errors", async () => {
    const bodies: [string, string][] = [];
    const get = async (path: string, init?: RequestInit) => {
      const response = await fetch(`${app}${path}`, init);
      bodies.push([path, `${JSON.stringify([...response.headers])}\n${await response.text()}`]);
    };
    await get("/");
    const html = bodies[0]?.[1] ?? "";
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(3);
    for (const src of scripts) await get(src);
    await get("/login");
    await get("/api/tools");
    const chat = (prompt: string, extra: Record<string, unknown> = {}) =>
      get("/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: `${prompt} ${nonce()}`, ...extra }),
      });
    await chat("[[scenario:tool]]");
    await chat("[[scenario:401]]");
    await chat("[[scenario:401]]", { stream: false });
    await chat("[[scenario:500]]");
    await chat("hi", { model: "not-a-model" });
    const leaks = bodies.filter(([, body]) => body.includes(RUNTIME_KEY)).map(([path]) => path);
    expect(leaks).toEqual([]);
  });
});
