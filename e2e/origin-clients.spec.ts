import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";

// The origin document's clients, unchanged, against the running app and the scripted upstream.

const run = promisify(execFile);

declare global {
  interface Window {
    __log: [string, unknown, unknown?, unknown?][];
    __ended: Promise<void>;
  }
}

test("the origin document's browser EventSource client works as written", async ({ page }) => {
  await page.goto("/");
  const log = await page.evaluate(async () => {
    window.__log = [];
    let ended: () => void = () => {};
    window.__ended = new Promise((resolve) => {
      ended = resolve;
    });
    // The functions the origin document's client calls; they record what it shows.
    const record = (name: string) => (a?: unknown, b?: unknown) => window.__log.push([name, a, b]);
    const showReasoningPanel = record("showReasoningPanel");
    const appendReasoning = record("appendReasoning");
    const appendText = record("appendText");
    const showToolCall = (id: string, name: string, args: unknown) =>
      window.__log.push(["showToolCall", name, args, id]);
    const showToolResult = record("showToolResult");
    const showToolError = record("showToolError");
    const showError = record("showError");
    const console = {
      log: (...args: unknown[]) => window.__log.push(["console.log", args.join(" ")]),
      error: record("console.error"),
    };

    // ---- pasted from ORIGIN.md (前端 JavaScript 示例), with the prompt asking for a tool call ----
    const evtSource = new EventSource("/api/chat?prompt=分析600519 [[scenario:tool]]");

    // 监听流开始
    evtSource.addEventListener("start", (event) => {
      const data = JSON.parse(event.data);
      console.log("Model:", data.model);
      console.log("Reasoning:", data.reasoning);
      // 根据 reasoning 状态显示/隐藏推理区域
      if (data.reasoning === "enabled") {
        showReasoningPanel();
      }
    });

    // 监听推理内容（思维链）
    evtSource.addEventListener("reasoning", (event) => {
      const data = JSON.parse(event.data);
      appendReasoning(data.content);
    });

    // 监听消息内容
    evtSource.addEventListener("message", (event) => {
      const data = JSON.parse(event.data);
      appendText(data.content);
    });

    // 监听工具调用
    evtSource.addEventListener("tool_call", (event) => {
      const data = JSON.parse(event.data);
      showToolCall(data.id, data.name, data.arguments);
    });

    // 监听工具结果
    evtSource.addEventListener("tool_result", (event) => {
      const data = JSON.parse(event.data);
      if (data.result !== undefined) {
        showToolResult(data.tool_call_id, data.result);
      } else if (data.error !== undefined) {
        showToolError(data.tool_call_id, data.error);
      }
    });

    // 监听错误
    evtSource.addEventListener("error", (event) => {
      const data = JSON.parse((event as MessageEvent).data);
      showError(data.message);
    });

    // 监听流结束
    evtSource.addEventListener("end", (event) => {
      const data = JSON.parse(event.data);
      console.log("Stream ended:", data.finish_reason);
      console.log("Statistics:", data.stats);
      console.log(`Tools: ${data.stats.tool_calls} calls, ${data.stats.tool_results} results`);
      console.log(
        `Tokens: ${data.stats.tokens.total} (prompt: ${data.stats.tokens.prompt}, completion: ${data.stats.tokens.completion})`,
      );
      console.log(
        `Timing: ${data.stats.timing_ms.total}ms (first byte: ${data.stats.timing_ms.first_byte}ms)`,
      );
      evtSource.close();
      ended();
    });

    // 连接错误处理
    evtSource.onerror = (err) => {
      console.error("SSE Connection Error:", err);
      evtSource.close();
    };
    // ---- end of the pasted client ----

    await window.__ended;
    return window.__log;
  });

  const names = log.map(([name]) => name).filter((name, i, all) => name !== all[i - 1]);
  expect(names).toEqual([
    "console.log",
    "showReasoningPanel",
    "appendReasoning",
    "showToolCall",
    "showToolResult",
    "appendReasoning",
    "appendText",
    "console.log",
  ]);
  expect(log[0]).toEqual(["console.log", "Model: deepseek-flash"]);
  expect(log).toContainEqual([
    "showToolCall",
    "get_stock_info",
    { code: "600519" },
    expect.stringMatching(/^call_/),
  ]);
  const result = log.find(([name]) => name === "showToolResult");
  expect(result?.[2]).toMatchObject({ code: "600519", name: "贵州茅台" });
  expect(
    log
      .filter(([name]) => name === "appendText")
      .map(([, text]) => text)
      .join(""),
  ).toContain("贵州茅台");
  expect(log).toContainEqual(["console.log", "Stream ended: stop"]);
  expect(log).toContainEqual(["console.log", "Tools: 1 calls, 1 results"]);
  expect(log.some(([name]) => name === "console.error" || name === "showError")).toBe(false);
});

test("a plain EventSource re-attaches to a resumable answer and gets the rest", async ({ page }) => {
  await page.goto("/");
  const got = await page.evaluate(async () => {
    // Start a resumable answer, read the first three events, and drop the connection.
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        prompt: '分析600519 [[scenario:{"name":"tool","delayMs":20}]]',
        resumable: true,
      }),
    });
    const id = response.headers.get("X-Stream-Id");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let head = "";
    while ((head.match(/^id: /gm) ?? []).length < 3) {
      head += decoder.decode((await reader.read()).value, { stream: true });
    }
    await reader.cancel();
    const firstIds = [...head.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])).slice(0, 3);

    // Re-attach the way any browser can: an EventSource on the stream's URL.
    const rest: [number, string][] = [];
    await new Promise<void>((resolve, reject) => {
      const source = new EventSource(`/api/chat/${id}?after=3`);
      for (const name of ["start", "reasoning", "message", "tool_call", "tool_result", "error"]) {
        source.addEventListener(name, (event) =>
          rest.push([Number((event as MessageEvent).lastEventId), name]),
        );
      }
      source.addEventListener("end", (event) => {
        rest.push([Number(event.lastEventId), "end"]);
        source.close();
        resolve();
      });
      source.onerror = () => {
        source.close();
        reject(new Error("EventSource failed"));
      };
    });
    return { firstIds, rest };
  });
  expect(got.firstIds).toEqual([1, 2, 3]);
  const ids = got.rest.map(([id]) => id);
  expect(ids).toEqual(ids.map((_, i) => i + 4));
  const names = got.rest.map(([, name]) => name).filter((name, i, all) => name !== all[i - 1]);
  expect(names.at(-1)).toBe("end");
  expect(names).toContain("tool_result");
  expect(names).toContain("message");
});

test("the browser EventSource shows a provider error through the error listener", async ({ page }) => {
  await page.goto("/");
  const shown = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const messages: string[] = [];
        const source = new EventSource("/api/chat?prompt=hi [[scenario:402]]&thinking=false");
        source.addEventListener("error", (event) => {
          const data = (event as MessageEvent).data;
          if (data) messages.push(JSON.parse(data).message);
        });
        source.addEventListener("end", () => {
          source.close();
          resolve(messages);
        });
      }),
  );
  expect(shown).toHaveLength(1);
  expect(shown[0]).toMatch(/balance/i);
});

test("curl -N streams the events as they come", async ({ baseURL }) => {
  const { stdout } = await run("curl", [
    "-sN",
    `${baseURL}/api/chat`,
    "-H",
    "Content-Type: application/json",
    "-d",
    JSON.stringify({ prompt: "分析600519", thinking: true }),
  ]);
  expect(
    stdout.startsWith('id: 1\nevent: start\ndata: {"model":"deepseek-flash","reasoning":"enabled"}\n\n'),
  ).toBe(true);
  expect(stdout).toContain('\nevent: reasoning\ndata: {"content":');
  expect(stdout).toContain('\nevent: message\ndata: {"content":');
  expect(stdout).toMatch(
    /\nevent: end\ndata: \{"finish_reason":"stop","stats":\{[^\n]+\}\}\n\nevent: done\ndata: \[DONE\]\n\n$/,
  );

  const { stdout: off } = await run("curl", [
    "-sN",
    `${baseURL}/api/chat`,
    "-H",
    "Content-Type: application/json",
    "-d",
    JSON.stringify({ prompt: "分析600519", thinking: false }),
  ]);
  expect(off).toContain('"reasoning":"disabled"');
  expect(off).not.toContain("event: reasoning");
});
