import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";

// The chat page as tests see it: data-testid selectors in one place, and the scripted upstream's
// record of what the app sent (GET /__upstream/requests), filtered to one test's own prompts.

const upstreamPort = Number(process.env.E2E_UPSTREAM_PORT ?? 4210);
export const UPSTREAM = `http://127.0.0.1:${upstreamPort}`;

export interface UpstreamRequest {
  seq: number;
  path: string;
  scenario: string;
  status: number;
  thinking?: boolean;
  closedAt?: number;
  completedAt?: number;
  body: {
    model?: string;
    thinking?: { type?: string };
    reasoning_effort?: string;
    messages?: { role: string; content: unknown }[];
    tools?: { function?: { name?: string } }[];
  } | null;
}

/** A user turn's text: the string, or a content array's text parts (a turn with images). */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : ""))
    .join("");
}

/** A token no other test uses, to find this test's requests among everyone's. */
export function uniqueTag(): string {
  return `t${randomUUID().slice(0, 8)}`;
}

export class ChatPage {
  readonly input: Locator;
  readonly send: Locator;
  readonly stop: Locator;
  readonly reasoningToggle: Locator;
  readonly modelPicker: Locator;
  readonly userMessages: Locator;
  readonly assistantMessages: Locator;
  readonly sidebar: Locator;
  readonly conversations: Locator;
  readonly announcer: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId("composer-input");
    this.send = page.getByTestId("send");
    this.stop = page.getByTestId("stop");
    this.reasoningToggle = page.getByTestId("reasoning-toggle");
    this.modelPicker = page.getByTestId("model-picker");
    this.userMessages = page.getByTestId("user-message");
    this.assistantMessages = page.getByTestId("assistant-message");
    this.sidebar = page.getByTestId("sidebar");
    this.conversations = page.getByTestId("conversation-item");
    this.announcer = page.getByTestId("announcer");
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
    await this.waitUntilReady();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilReady();
  }

  /** Hydrated and history restored: typing before that would be lost. */
  async waitUntilReady(): Promise<void> {
    await expect(this.page.locator("[data-ready]")).toBeVisible();
  }

  async ask(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press("Enter");
  }

  lastAnswer(): Locator {
    return this.assistantMessages.last();
  }

  async expectAnswered(answer: Locator = this.lastAnswer()): Promise<void> {
    await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  }

  /** The upstream's requests whose last user message contains `tag` (or any of several). */
  async upstreamRequests(tag: string | readonly string[]): Promise<UpstreamRequest[]> {
    const tags = typeof tag === "string" ? [tag] : tag;
    const response = await this.page.request.get(`${UPSTREAM}/__upstream/requests`);
    const all = (await response.json()) as UpstreamRequest[];
    return all.filter((request) => {
      const users = (request.body?.messages ?? []).filter((m) => m.role === "user");
      const last = contentText(users.at(-1)?.content);
      return tags.some((t) => last.includes(t));
    });
  }

  /** Uncaught errors in the page from now on (an error React could not contain lands here). */
  trackPageErrors(): string[] {
    const errors: string[] = [];
    this.page.on("pageerror", (error) => errors.push(error.message));
    return errors;
  }

  /** Starts recording the page's long tasks (PerformanceObserver 'longtask'), for longTasks(). */
  async recordLongTasks(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: "longtask", buffered: false });
    });
  }

  /** How long each long task since recordLongTasks() blocked the page, in ms. */
  async longTasks(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  }

  async openSidebarIfDrawer(): Promise<void> {
    const toggle = this.page.getByTestId("sidebar-toggle");
    if (await toggle.isVisible()) await toggle.click();
    await expect(this.sidebar).toBeVisible();
  }
}

/** An SSE body in the protocol's shape, for tests that script the app's own API (page.route). */
export function sseBody(events: [event: string, data: unknown][]): string {
  return [...events, ["done", "[DONE]"] as [string, unknown]]
    .map(
      ([event, data], i) =>
        `id: ${i + 1}\nevent: ${event}\ndata: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`,
    )
    .join("");
}

export const END_OK = {
  finish_reason: "stop",
  stats: {
    tool_calls: 0,
    tool_results: 0,
    tokens: { prompt: 120, completion: 300, total: 420 },
    timing_ms: { first_byte: 400, total: 3400 },
  },
};

/**
 * A marker that makes the scripted upstream answer exactly `text`. Each of `hidden` is written with
 * its first letter as a JSON escape, so the prompt itself never contains it: a tag that appears in
 * the answer only, for telling requests the answer caused from the prompt that asked for it.
 */
export function textScenario(text: string, hidden: readonly string[] = []): string {
  let json = JSON.stringify({ name: "text", text });
  for (const word of hidden) {
    const first = `\\u${word.charCodeAt(0).toString(16).padStart(4, "0")}`;
    json = json.replaceAll(word, `${first}${word.slice(1)}`);
  }
  return `[[scenario:${json}]]`;
}
