import { beforeAll, describe, expect, inject, it } from "vitest";
import { HistoryClient, newId } from "../../lib/testing/history-client";
import { readSse, text } from "../../lib/testing/sse-client";

// PROTOCOL.md section 11 through the built app in the open mode (one owner, PGlite): what a chat
// stored is found, the question at once and the answer once it ended, and bad queries are 400s.

const app = new HistoryClient(inject("appUrl"));

interface Hit {
  conversationId: string;
  title: string;
  messageId?: string;
  role?: string;
  snippet: string;
  highlights: [number, number][];
  at: number;
}

async function search(q: string, limit?: number): Promise<Hit[]> {
  const params = new URLSearchParams({ q, ...(limit === undefined ? {} : { limit: String(limit) }) });
  const response = await app.send("GET", `/api/search?${params}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return ((await response.json()) as { results: Hit[] }).results;
}

beforeAll(async () => {
  expect((await app.send("GET", "/api/conversations")).status).toBe(200);
}, 120_000);

describe("GET /api/search", () => {
  it("finds a stored question by a Chinese word and the answer by its text, each at its message", async () => {
    const marker = newId("m").slice(2, 12);
    const turn = app.firstTurn(`今天上海天气怎么样 ${marker}`);
    const { events } = await readSse(await app.chat(turn, { thinking: false }));
    const answer = text(events, "message");
    expect(answer.length).toBeGreaterThan(0);

    const byWord = (await search(`天气怎么样 ${marker}`)).filter((hit) => hit.messageId);
    expect(byWord).toEqual([
      {
        conversationId: turn.id,
        title: expect.stringContaining("天气"),
        messageId: turn.message.id,
        role: "user",
        snippet: `今天上海天气怎么样 ${marker}`,
        highlights: [[4, 10 + marker.length]],
        at: expect.any(Number),
      },
    ]);
    // The question is the conversation's title too.
    expect((await search(marker)).map((hit) => hit.messageId)).toContain(undefined);

    // The scripted answer's own words, with the question's marker beside it to single it out.
    const word = answer.split(/\s+/).find((w) => /^[A-Za-z]{4,}$/.test(w)) ?? answer.slice(0, 4);
    const answers = (await search(word, 50)).filter((hit) => hit.messageId === turn.answer_id);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ conversationId: turn.id, role: "assistant" });
  });

  it("forgets a deleted conversation", async () => {
    const marker = newId("m").slice(2, 12);
    const turn = app.firstTurn(`删除之前 ${marker}`);
    await readSse(await app.chat(turn, { thinking: false }));
    expect((await search(marker)).length).toBeGreaterThan(0);
    expect((await app.send("DELETE", `/api/conversations/${turn.id}`)).status).toBe(204);
    expect(await search(marker)).toEqual([]);
  });

  it("answers an empty, blank or over-long query and a wrong limit with 400 invalid_request", async () => {
    for (const query of [
      "",
      "q=",
      "q=%20%20",
      `q=${"长".repeat(201)}`,
      "q=a&limit=0",
      "q=a&limit=51",
      "q=a&limit=x",
    ]) {
      const response = await app.send("GET", `/api/search?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
    }
    const longest = await app.send("GET", `/api/search?q=${encodeURIComponent("长".repeat(200))}`);
    expect(longest.status).toBe(200);
    expect((await app.send("POST", "/api/search?q=a")).status).toBe(405);
  });
});
