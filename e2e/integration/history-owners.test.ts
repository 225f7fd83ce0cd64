import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { HistoryClient, newId } from "../../lib/testing/history-client";
import { readSse } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// Who owns what (PROTOCOL.md section 10) with an access code: each browser its own owner through
// its owner_key cookie, Bearer clients none; and a deployment with no store (Vercel without a
// database) keeps history in the browser.

const upstream = inject("upstreamUrl");
const CODE = "owners-code";
let guarded: AppServer;
let storeless: AppServer;

beforeAll(async () => {
  [guarded, storeless] = await Promise.all([
    startApp({ ...TEST_ENV, DEEPSEEK_BASE_URL: upstream, ACCESS_CODE: CODE, RATE_LIMIT_PER_MIN: "0" }),
    startApp({ ...TEST_ENV, DEEPSEEK_BASE_URL: upstream, VERCEL: "1", RATE_LIMIT_PER_MIN: "0" }),
  ]);
  // The store opens on first use (a new cluster and its migrations: seconds on a busy machine).
  const { client } = await signIn();
  expect((await client.send("GET", "/api/conversations")).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await Promise.all([guarded?.close(), storeless?.close()]);
});

/** A browser signing in: the cookies the login answer sets. */
async function signIn(): Promise<{ client: HistoryClient; setCookies: string[] }> {
  const response = await fetch(`${guarded.url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: CODE }),
  });
  expect(response.status).toBe(200);
  const setCookies = response.headers.getSetCookie();
  const cookie = setCookies.map((line) => line.split(";")[0]).join("; ");
  return { client: new HistoryClient(guarded.url, { cookie }), setCookies };
}

const conversation = (id: string, title: string) => ({
  conversations: [{ id, title, createdAt: 1, updatedAt: 2, messages: [] }],
});

describe("owners with an access code", () => {
  it("gives a signing-in browser an HttpOnly owner key, and keeps each browser's history its own", async () => {
    const a = await signIn();
    const b = await signIn();
    const ownerCookie = a.setCookies.find((line) => line.startsWith("owner_key="));
    expect(ownerCookie).toMatch(/; Max-Age=34560000; HttpOnly; SameSite=Lax$/);
    const id = newId("c");
    await a.client.send("POST", "/api/conversations/import", conversation(id, "a's"));
    expect((await a.client.send("GET", `/api/conversations/${id}`)).status).toBe(200);
    expect((await b.client.send("GET", `/api/conversations/${id}`)).status).toBe(404);
    expect((await b.client.send("DELETE", `/api/conversations/${id}`)).status).toBe(404);
    // An import never goes into or over another owner's conversation.
    const over = await b.client.send("POST", "/api/conversations/import", conversation(id, "b's"));
    expect(await over.json()).toEqual({ imported: [], skipped: [id] });
    expect((await a.client.tree(id)).title).toBe("a's");
    const listed = await (await b.client.send("GET", "/api/conversations")).json();
    expect(listed.conversations.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it("gives a signed-in browser without a key one on its next request, which that request already uses", async () => {
    const { setCookies } = await signIn();
    const access = setCookies.find((line) => line.startsWith("access_code="))?.split(";")[0] ?? "";
    const response = await fetch(`${guarded.url}/api/conversations`, { headers: { cookie: access } });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((line) => line.startsWith("owner_key="))).toBe(true);
  });

  it("answers Bearer clients 403 no_history, and their plain chat requests as before", async () => {
    const bearer = new HistoryClient(guarded.url, { authorization: `Bearer ${CODE}` });
    const list = await bearer.send("GET", "/api/conversations");
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({ error: { code: "no_history" } });
    const turn = bearer.firstTurn("from a script");
    const chat = await bearer.chat(turn);
    expect(chat.status).toBe(403);
    const plain = await bearer.send("POST", "/api/chat", { prompt: "hi", thinking: false });
    expect(plain.status).toBe(200);
    expect((await readSse(plain)).events.at(-1)?.event).toBe("end");
  });
});

describe("search with an access code", () => {
  it("finds only the searching browser's own conversations, and refuses Bearer clients and strangers", async () => {
    const a = await signIn();
    const b = await signIn();
    const word = `秘密${newId("m").slice(2, 10)}`;
    const id = newId("c");
    await a.client.send("POST", "/api/conversations/import", {
      conversations: [
        {
          id,
          title: "a's secrets",
          createdAt: 1,
          updatedAt: 2,
          messages: [{ id: newId("m"), role: "user", content: `这是${word}`, parts: [], createdAt: 1 }],
        },
      ],
    });
    const query = `/api/search?q=${encodeURIComponent(word)}`;
    const mine = await (await a.client.send("GET", query)).json();
    expect(mine.results.map((hit: { conversationId: string }) => hit.conversationId)).toEqual([id]);
    expect(await (await b.client.send("GET", query)).json()).toEqual({ results: [] });

    const bearer = await new HistoryClient(guarded.url, { authorization: `Bearer ${CODE}` }).send(
      "GET",
      query,
    );
    expect(bearer.status).toBe(403);
    expect(await bearer.json()).toMatchObject({ error: { code: "no_history" } });
    const stranger = await fetch(`${guarded.url}${query}`);
    expect(stranger.status).toBe(401);
  });
});

describe("a deployment without a store", () => {
  it("answers the routes 404 history_off, and tells the page history lives in the browser", async () => {
    const client = new HistoryClient(storeless.url);
    const list = await client.send("GET", "/api/conversations");
    expect(list.status).toBe(404);
    expect(await list.json()).toMatchObject({
      error: { code: "history_off", message: expect.stringContaining("DATABASE_URL") },
    });
    expect((await client.chat(client.firstTurn("nowhere"))).status).toBe(404);
    const search = await client.send("GET", "/api/search?q=anything");
    expect(search.status).toBe(404);
    expect(await search.json()).toMatchObject({ error: { code: "history_off" } });
    // Nor share links: their routes say the same, and no link's page exists.
    const shares = await client.send("POST", "/api/shares", { conversationId: "c_nowhere" });
    expect(await shares.json()).toMatchObject({ error: { code: "history_off" } });
    expect((await fetch(`${storeless.url}/s/AbCdEfGhIjKlMnOpQrStUv`)).status).toBe(404);
    const page = await (await fetch(`${storeless.url}/`)).text();
    expect(page).toMatch(/<html[^>]* data-history="browser"/);
  });
});
