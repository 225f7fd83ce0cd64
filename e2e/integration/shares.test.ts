import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { HistoryClient, newId } from "../../lib/testing/history-client";
import { readSse } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// Share links (PROTOCOL.md section 13) through the built app with an access code: the owner makes,
// lists and revokes them; anyone reads one signed out, as a page with its own policy, and nothing
// else becomes public.

const upstream = inject("upstreamUrl");
const CODE = "share-code";
const PUBLIC_URL = "https://chat.example.org";
let app: AppServer;

beforeAll(async () => {
  app = await startApp({
    ...TEST_ENV,
    DEEPSEEK_BASE_URL: upstream,
    STOCK_QUOTE_BASE_URL: `${upstream}/quote`,
    ACCESS_CODE: CODE,
    PUBLIC_URL,
    RATE_LIMIT_PER_MIN: "0",
  });
  // The store opens on first use (a new cluster and its migrations: seconds on a busy machine).
  expect((await (await signIn()).send("GET", "/api/shares")).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

async function signIn(): Promise<HistoryClient> {
  const response = await fetch(`${app.url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: CODE }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return new HistoryClient(app.url, { cookie });
}

/** A conversation with one answered question: reasoning, a tool call, then text. */
async function answered(client: HistoryClient, question: string) {
  const turn = client.firstTurn(`${question} [[scenario:tool]]`);
  const response = await client.chat(turn, { thinking: true });
  expect(response.status).toBe(200);
  expect((await readSse(response)).events.at(-1)?.event).toBe("end");
  return turn;
}

async function share(client: HistoryClient, conversationId: string) {
  const response = await client.send("POST", "/api/shares", { conversationId });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; url: string; title: string; messageCount: number };
}

/** A reader with no cookie at all. */
const signedOut = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, { redirect: "manual", ...init });

describe("share links with an access code", () => {
  it("shows the copy signed out, as a noindex page that may call nothing, and never what came later", async () => {
    const owner = await signIn();
    const marker = newId("m");
    const turn = await answered(owner, `shared question ${marker}`);
    const link = await share(owner, turn.id);
    expect(link.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(link.url).toBe(`${PUBLIC_URL}/s/${link.id}`);
    expect(link.messageCount).toBe(2);

    const page = await signedOut(`/s/${link.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-robots-tag")).toContain("noindex");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    const html = await page.text();
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(html).toContain(`shared question ${marker}`);
    expect(html).toContain("Shared conversation · read only");
    expect(html).toContain('data-tool="get_stock_info"');
    // Reasoning is there, folded.
    expect(html).toMatch(
      /<div[^>]*hidden=""[^>]*data-testid="reasoning-text"|data-testid="reasoning-text"[^>]*hidden/,
    );
    // No owner cookie for a reader, and nothing of the chat.
    expect(page.headers.getSetCookie()).toEqual([]);
    expect(html).not.toContain('data-testid="composer-input"');

    const later = `later question ${newId("m")}`;
    const next = {
      id: turn.id,
      parent_id: turn.answer_id,
      message: { id: newId("m"), content: later },
      answer_id: newId("m"),
    };
    await readSse(await owner.chat(next, { thinking: false }));
    const again = await (await signedOut(`/s/${link.id}`)).text();
    expect(again).toContain(`shared question ${marker}`);
    expect(again).not.toContain(later);
  });

  it("lets only the owner list and revoke a link; revoked, its page is a 404", async () => {
    const owner = await signIn();
    const other = await signIn();
    const turn = await answered(owner, `revoke me ${newId("m")}`);
    const link = await share(owner, turn.id);
    const listed = async (client: HistoryClient) =>
      ((await (await client.send("GET", "/api/shares")).json()) as { shares: { id: string; url: string }[] })
        .shares;
    expect((await listed(owner)).map((s) => s.id)).toContain(link.id);
    expect((await listed(owner)).find((s) => s.id === link.id)?.url).toBe(link.url);
    expect((await listed(other)).map((s) => s.id)).not.toContain(link.id);
    expect((await other.send("DELETE", `/api/shares/${link.id}`)).status).toBe(404);
    expect((await other.send("POST", "/api/shares", { conversationId: turn.id })).status).toBe(404);
    expect((await signedOut(`/s/${link.id}`)).status).toBe(200);

    expect((await owner.send("DELETE", `/api/shares/${link.id}`)).status).toBe(204);
    const gone = await signedOut(`/s/${link.id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("x-robots-tag")).toContain("noindex");
    // Its sentence (not-found.tsx) comes from the page's payload: e2e/share.spec.ts reads it in a browser.
    expect(await gone.text()).not.toContain("revoke me");
    expect((await listed(owner)).map((s) => s.id)).not.toContain(link.id);
    expect((await owner.send("DELETE", `/api/shares/${link.id}`)).status).toBe(404);
  });

  it("drops a conversation's links when the conversation is deleted", async () => {
    const owner = await signIn();
    const turn = await answered(owner, `delete me ${newId("m")}`);
    const link = await share(owner, turn.id);
    expect((await owner.send("DELETE", `/api/conversations/${turn.id}`)).status).toBe(204);
    expect((await signedOut(`/s/${link.id}`)).status).toBe(404);
  });

  it("keeps everything else behind the code, and the owner routes from Bearer clients", async () => {
    const owner = await signIn();
    const turn = await answered(owner, `private ${newId("m")}`);
    expect((await signedOut("/api/shares")).status).toBe(401);
    expect((await signedOut("/api/shares", { method: "POST", body: "{}" })).status).toBe(401);
    expect((await signedOut(`/c/${turn.id}`)).status).toBe(307);
    expect((await signedOut(`/api/conversations/${turn.id}`)).status).toBe(401);
    expect((await signedOut("/s/abc/def")).status).toBe(307);
    const bearer = new HistoryClient(app.url, { authorization: `Bearer ${CODE}` });
    const refused = await bearer.send("GET", "/api/shares");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "no_history" } });
    // A link to nothing, and an id no link could have, are the same 404 page.
    expect((await signedOut(`/s/${"A".repeat(22)}`)).status).toBe(404);
    expect((await signedOut("/s/short")).status).toBe(404);
    // A body that names no conversation is the client's mistake.
    expect((await owner.send("POST", "/api/shares", { conversation: turn.id })).status).toBe(400);
  });
});
