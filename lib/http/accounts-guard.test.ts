import { describe, expect, it } from "vitest";
import type { AccountLookup } from "@/lib/auth/account-lookup";
import type { RequestAccount } from "@/lib/auth/request-account";
import { MemoryRateLimitStore } from "./rate-limit";
import { guardRequest } from "./request-guard";

// The request guard in accounts mode, with plain Requests (the session lookup's answer given).

const SECRET = "g".repeat(32);
const env = { AUTH_SECRET: SECRET, RATE_LIMIT_PER_MIN: "2" };
const ann: RequestAccount = {
  id: "u_ann",
  email: "ann@example.com",
  name: "Ann",
  role: "user",
  status: "active",
  via: "session",
};
const found = (account: RequestAccount | undefined): AccountLookup => ({ ok: true, account, setCookies: [] });

async function guard(
  path: string,
  lookup: AccountLookup | undefined,
  init: RequestInit = {},
  over: Record<string, string | undefined> = env,
) {
  const verdict = await guardRequest(
    new Request(`http://127.0.0.1:3000${path}`, init),
    over,
    new MemoryRateLimitStore(),
    "missing",
    lookup,
  );
  return verdict.response;
}

async function errorOf(response: Response | undefined): Promise<{ code: string; message: string }> {
  if (!response) throw new Error("the guard let the request through");
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("the accounts-mode guard", () => {
  it("answers every request 503, naming the fix, where accounts cannot last", async () => {
    const response = await guard(
      "/api/conversations",
      undefined,
      {},
      {
        AUTH_SECRET: SECRET,
        VERCEL: "1",
      },
    );
    expect(response?.status).toBe(503);
    expect(await errorOf(response)).toMatchObject({
      code: "accounts_unavailable",
      message: expect.stringContaining("set DATABASE_URL"),
    });
  });

  it("lets the sign-in pages, Better Auth and share pages through signed out, and nothing else", async () => {
    for (const path of ["/sign-in", "/sign-up", "/api/auth/get-session", "/s/abcdefghijklmnopqrstuv"]) {
      expect(await guard(path, found(undefined)), path).toBeUndefined();
    }
    expect((await guard("/api/conversations", found(undefined)))?.status).toBe(401);
    const page = await guard("/c/1", found(undefined));
    expect(page?.status).toBe(307);
    expect(page?.headers.get("location")).toBe("http://127.0.0.1:3000/sign-in?next=%2Fc%2F1");
  });

  it("tells pending and disabled accounts why (403), and sends their browsers to /sign-in", async () => {
    const pending = await guard("/api/conversations", found({ ...ann, status: "pending" }));
    expect(pending?.status).toBe(403);
    expect((await errorOf(pending)).code).toBe("account_pending");
    const disabled = await guard("/api/chat", found({ ...ann, status: "disabled" }), { method: "POST" });
    expect((await errorOf(disabled)).code).toBe("account_disabled");
    expect((await guard("/", found({ ...ann, status: "pending" })))?.headers.get("location")).toBe(
      "http://127.0.0.1:3000/sign-in",
    );
  });

  it("counts the chat limit per account, and password attempts per address", async () => {
    const store = new MemoryRateLimitStore();
    const chat = (account: RequestAccount) =>
      guardRequest(
        new Request("http://127.0.0.1:3000/api/chat", { method: "POST" }),
        env,
        store,
        "granted",
        found(account),
      );
    expect((await chat(ann)).response).toBeUndefined();
    expect((await chat(ann)).response).toBeUndefined();
    expect((await chat(ann)).response?.status).toBe(429);
    // Another person behind the same address has a bucket of their own.
    expect((await chat({ ...ann, id: "u_bob" })).response).toBeUndefined();
    const attempt = () =>
      guardRequest(
        new Request("http://127.0.0.1:3000/api/auth/sign-in/email", { method: "POST" }),
        env,
        store,
        "missing",
        undefined,
      );
    expect((await attempt()).response).toBeUndefined();
    expect((await attempt()).response).toBeUndefined();
    expect((await attempt()).response?.status).toBe(429);
  });

  it("lets an API key into the chat, MCP and history APIs only", async () => {
    const byKey = found({ ...ann, via: "key" });
    for (const path of [
      "/api/chat",
      "/api/chat/abc",
      "/api/mcp",
      "/api/conversations/x",
      "/api/search",
      "/api/shares",
    ]) {
      expect(await guard(path, byKey), path).toBeUndefined();
    }
    for (const path of [
      "/",
      "/c/1",
      "/people",
      "/api/account",
      "/api/keys",
      "/api/keys/k1",
      "/api/people",
      "/api/chatter",
    ]) {
      const refused = await guard(path, byKey);
      expect(refused?.status, path).toBe(403);
      expect((await errorOf(refused)).code).toBe("key_not_allowed");
    }
    // The same paths are open to the session.
    expect(await guard("/api/keys", found(ann))).toBeUndefined();
  });

  it("counts a key's chats in its account's bucket, with its sessions'", async () => {
    const store = new MemoryRateLimitStore();
    const chat = (account: RequestAccount) =>
      guardRequest(
        new Request("http://127.0.0.1:3000/api/chat", { method: "POST" }),
        env,
        store,
        "granted",
        found(account),
      );
    expect((await chat(ann)).response).toBeUndefined();
    expect((await chat({ ...ann, via: "key" })).response).toBeUndefined();
    expect((await chat({ ...ann, via: "key" })).response?.status).toBe(429);
  });

  it("answers a key that cannot be used with the lookup's 401, but never on share and sign-in pages", async () => {
    const refused: AccountLookup = { ok: false, response: new Response("revoked", { status: 401 }) };
    expect((await guard("/api/conversations", refused))?.status).toBe(401);
    expect(await guard("/s/abcdefghijklmnopqrstuv", refused)).toBeUndefined();
    expect(await guard("/sign-in", refused)).toBeUndefined();
  });
});
