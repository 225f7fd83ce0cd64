import { describe, expect, it } from "vitest";
import { ShareApi, type ShareLink } from "./share-api";

// The share routes from the browser (PROTOCOL.md section 13): what is sent, and every answer as a
// typed outcome.

const link: ShareLink = {
  id: "AbCdEfGhIjKlMnOpQrStUv",
  url: "https://chat.example.org/s/AbCdEfGhIjKlMnOpQrStUv",
  conversationId: "c1",
  title: "Moutai",
  createdAt: 1_700_000_000_000,
  messageCount: 2,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

function api(respond: () => Response | Promise<Response>) {
  const calls: { url: string; method: string; body: string | undefined }[] = [];
  const fetcher: typeof fetch = async (input, init = {}) => {
    calls.push({ url: String(input), method: init.method ?? "GET", body: init.body?.toString() });
    return respond();
  };
  return { api: new ShareApi(fetcher), calls };
}

describe("ShareApi", () => {
  it("creates a link for a conversation, and reads it back", async () => {
    const t = api(() => json(link, 201));
    expect(await t.api.create("c1")).toEqual({ kind: "ok", value: link });
    expect(t.calls).toEqual([
      { url: "/api/shares", method: "POST", body: JSON.stringify({ conversationId: "c1" }) },
    ]);
  });

  it("lists the owner's links, and revokes one by its id", async () => {
    const t = api(() => json({ shares: [link] }));
    expect(await t.api.list()).toEqual({ kind: "ok", value: [link] });
    const revoked = api(() => new Response(null, { status: 204 }));
    expect(await revoked.api.revoke("a/b")).toEqual({ kind: "ok", value: null });
    expect(revoked.calls[0]).toMatchObject({ url: "/api/shares/a%2Fb", method: "DELETE" });
  });

  it("says what the server refused, what it sent wrong, and when it could not be reached", async () => {
    const busy = api(() =>
      json({ error: { code: "answer_streaming", message: "An answer … is still being written." } }, 409),
    );
    expect(await busy.api.create("c1")).toEqual({
      kind: "failed",
      status: 409,
      code: "answer_streaming",
      message: "An answer … is still being written.",
    });
    const partial = api(() => json({ shares: [{ ...link, messageCount: "2" }] }));
    expect(await partial.api.list()).toMatchObject({ kind: "failed", code: "malformed_response" });
    const missing = api(() => json({ ...link, url: undefined }, 201));
    expect(await missing.api.create("c1")).toMatchObject({ kind: "failed", code: "malformed_response" });
    const offline = api(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await offline.api.revoke("x")).toEqual({ kind: "unreachable" });
  });
});
