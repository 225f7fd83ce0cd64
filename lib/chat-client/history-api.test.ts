import { describe, expect, it } from "vitest";
import { HistoryApi } from "./history-api";

function api(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({
      url: String(input),
      method: init.method ?? "GET",
      body: init.body && JSON.parse(String(init.body)),
    });
    return respond(String(input), init);
  }) as typeof fetch;
  return { api: new HistoryApi(fetcher), calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const summary = { id: "c1", title: "Hi", createdAt: 1, updatedAt: 2, changedAt: 3, currentLeafId: "m2" };

describe("HistoryApi", () => {
  it("lists a page, with the paging and sync parameters in the query", async () => {
    const t = api(() => json({ conversations: [summary], nextCursor: "n" }));
    const outcome = await t.api.list({ limit: 50, cursor: "abc", since: 5 });
    expect(outcome).toEqual({ kind: "ok", value: { conversations: [summary], nextCursor: "n" } });
    expect(t.calls[0]?.url).toBe("/api/conversations?limit=50&cursor=abc&since=5");
    await t.api.list();
    expect(t.calls[1]?.url).toBe("/api/conversations");
  });

  it("loads a tree and refuses one it cannot read", async () => {
    const message = {
      id: "m1",
      parentId: null,
      role: "user",
      content: "q",
      parts: [],
      createdAt: 1,
      updatedAt: 1,
    };
    const ok = await api(() => json({ ...summary, messages: [message] })).api.load("c/1");
    expect(ok).toMatchObject({ kind: "ok", value: { id: "c1", messages: [message] } });
    const bad = await api(() => json({ ...summary, messages: [{ id: 3 }] })).api.load("c1");
    expect(bad).toMatchObject({ kind: "failed", code: "malformed_response" });
  });

  it("passes the server's code and sentence through on 503 and 404", async () => {
    const sentence = "The database is unreachable: timeout; nothing was sent to the model.";
    const down = await api(() =>
      json({ error: { code: "store_unavailable", message: sentence } }, 503),
    ).api.list();
    expect(down).toEqual({ kind: "failed", status: 503, code: "store_unavailable", message: sentence });
    const gone = await api(() =>
      json({ error: { code: "not_found", message: "No such conversation." } }, 404),
    ).api.load("x");
    expect(gone).toMatchObject({ kind: "failed", status: 404, code: "not_found" });
  });

  it("says unreachable when fetch throws", async () => {
    const outcome = await api(() => {
      throw new TypeError("Failed to fetch");
    }).api.list();
    expect(outcome).toEqual({ kind: "unreachable" });
  });

  it("patches, deletes (204) and imports with JSON bodies", async () => {
    const t = api((url, init) => {
      if (init.method === "DELETE") return new Response(null, { status: 204 });
      if (url.endsWith("/import")) return json({ imported: ["c1"], skipped: [] });
      return json(summary);
    });
    expect(await t.api.update("c1", { currentLeafId: "m2" })).toEqual({ kind: "ok", value: summary });
    expect(await t.api.remove("c1")).toEqual({ kind: "ok", value: null });
    const conversation = { id: "c1", title: "t", createdAt: 1, updatedAt: 1, messages: [] };
    expect(await t.api.import([conversation])).toEqual({
      kind: "ok",
      value: { imported: ["c1"], skipped: [] },
    });
    expect(t.calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ["PATCH", "/api/conversations/c1", { currentLeafId: "m2" }],
      ["DELETE", "/api/conversations/c1", undefined],
      ["POST", "/api/conversations/import", { conversations: [conversation] }],
    ]);
  });
});
