import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { nonce, readSse, shape, TOOL_ROUND_TRIP, upstreamRequests } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// `npm run chat -- …` (PROTOCOL.md section 5), run as a user would, against the scripted upstream.

const upstream = inject("upstreamUrl");
const root = join(import.meta.dirname, "../..");
const exec = promisify(execFile);

function chat(...args: string[]) {
  return exec("npm", ["run", "--silent", "chat", "--", ...args], {
    cwd: root,
    env: {
      ...process.env,
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream,
      STOCK_QUOTE_BASE_URL: `${upstream}/quote`,
    },
    timeout: 30_000,
  });
}

describe("npm run chat", () => {
  it("prints the SSE text as it arrives", async () => {
    const marker = nonce();
    const { stdout } = await chat(`分析一下 600519 [[scenario:tool]] ${marker}`);
    expect(
      stdout.startsWith('id: 1\nevent: start\ndata: {"model":"deepseek-flash","reasoning":"enabled"}\n\n'),
    ).toBe(true);
    expect(stdout.endsWith("event: done\ndata: [DONE]\n\n")).toBe(true);
    const { events } = await readSse(new Response(stdout));
    expect(shape(events)).toEqual(TOOL_ROUND_TRIP);
    expect(await upstreamRequests(upstream, marker)).toHaveLength(2);
  });

  it("--no-thinking turns reasoning off and sends it off explicitly", async () => {
    const marker = nonce();
    const { stdout } = await chat("--no-thinking", `hello ${marker}`);
    const { events } = await readSse(new Response(stdout));
    expect(shape(events)).toEqual(["start", "message", "end"]);
    const [request] = await upstreamRequests(upstream, marker);
    expect(request?.body).toMatchObject({ thinking: { type: "disabled" } });
  });

  it("--no-stream prints only the final answer", async () => {
    const { stdout } = await chat("--no-stream", `[[scenario:tool]] ${nonce()}`);
    expect(stdout).not.toContain("event:");
    expect(stdout).toContain("贵州茅台");
  });

  it("exits non-zero with the error's sentence when the provider fails", async () => {
    const failure = await chat("--no-stream", `[[scenario:401]] ${nonce()}`).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining("DEEPSEEK_API_KEY") });
  });

  it("prints usage without a prompt", async () => {
    const failure = await chat().catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining("usage: npm run chat") });
  });
});
