import { describe, expect, inject, it } from "vitest";
import { nonce, readSse, upstreamRequests } from "../../lib/testing/sse-client";

// Same-origin gadgets: `GET /api/chat?prompt=…` is for EventSource, fetch and programs. An answer
// holding `![x](/api/chat?prompt=…)`, a link to it or a frame would otherwise start a model run
// with the reader's cookie. Browsers say what a request is for in Sec-Fetch-Dest (`empty` for
// fetch and EventSource); programs send no Sec-Fetch headers at all.

const app = inject("appUrl");
const upstream = inject("upstreamUrl");

function chatGet(prompt: string, headers: Record<string, string>) {
  return fetch(`${app}/api/chat?prompt=${encodeURIComponent(prompt)}`, { headers });
}

describe("GET /api/chat and Sec-Fetch-Dest", () => {
  it.each([
    ["an <img>", { "sec-fetch-dest": "image", "sec-fetch-mode": "no-cors" }],
    [
      "a clicked link",
      { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "sec-fetch-user": "?1" },
    ],
    ["an <iframe>", { "sec-fetch-dest": "iframe", "sec-fetch-mode": "navigate" }],
    ["a <script>", { "sec-fetch-dest": "script", "sec-fetch-mode": "no-cors" }],
  ])("refuses %s with 403 and no model call", async (_, headers) => {
    const marker = nonce();
    const response = await chatGet(`gadget ${marker}`, { ...headers, "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: {
        code: "forbidden_destination",
        message: expect.stringContaining("EventSource"),
      },
    });
    expect(await upstreamRequests(upstream, marker)).toEqual([]);
  });

  it("answers EventSource and fetch (Sec-Fetch-Dest: empty) and programs that send none", async () => {
    for (const headers of [
      { "sec-fetch-dest": "empty", "sec-fetch-mode": "cors", "sec-fetch-site": "same-origin" },
      {},
    ]) {
      const response = await chatGet(`hi ${nonce()}`, headers);
      expect(response.status).toBe(200);
      const { events } = await readSse(response);
      expect(events.at(-1)).toMatchObject({ event: "end", data: { finish_reason: "stop" } });
    }
  });
});
