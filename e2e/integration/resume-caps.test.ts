import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { pollUntil } from "../../lib/testing/poll-until";
import { frameEvent, nonce, readFrames, upstreamRequests } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// Finding 2 of the security probe, and the reader caps of finding 1: what one client may hold of
// the resumable store and its readers, so that it can never take them from everyone else. An app
// of its own with small caps; tests pose as clients through X-Forwarded-For (TRUST_PROXY=1).

const upstream = inject("upstreamUrl");

const RUNS_PER_CLIENT = 2;
const READERS_PER_STREAM = 3;
const READERS_PER_CLIENT = 2;
/** An answer that stays live until it is stopped: keep-alives for 100 s, which the idle watchdog counts. */
const LIVE = '[[scenario:{"name":"keepalive","count":2000,"intervalMs":50}]]';

let clients = 0;
/** A new client address: every test starts with fresh per-client counts. */
const newClient = () => `10.77.${(clients >> 8) & 255}.${clients++ & 255}`;

interface ErrorBody {
  error: { code: string; message: string };
}

describe("per-client caps on resumable answers", () => {
  let app: AppServer;
  const open: AbortController[] = [];

  beforeAll(async () => {
    app = await startApp({
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream,
      RATE_LIMIT_PER_MIN: "0",
      TRUST_PROXY: "1",
      RESUME_MAX_RUNS_PER_CLIENT: String(RUNS_PER_CLIENT),
      RESUME_MAX_READERS_PER_STREAM: String(READERS_PER_STREAM),
      RESUME_MAX_READERS_PER_CLIENT: String(READERS_PER_CLIENT),
    });
  });
  afterAll(async () => {
    for (const connection of open) connection.abort();
    await app?.close();
  });

  /** POST a resumable answer as `client`; the response body is dropped, the run goes on detached. */
  async function start(client: string, prompt = `${LIVE} ${nonce()}`) {
    const response = await fetch(`${app.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client },
      body: JSON.stringify({ prompt, resumable: true }),
    });
    if (response.ok) await response.body?.cancel();
    return response;
  }

  /** GET /api/chat/<id> as `client`, the connection kept open until the test (or afterAll) aborts it. */
  async function attach(client: string, id: string) {
    const connection = new AbortController();
    open.push(connection);
    const response = await fetch(`${app.url}/api/chat/${id}`, {
      headers: { "x-forwarded-for": client },
      signal: connection.signal,
    });
    return { response, connection };
  }

  async function stop(id: string) {
    // DELETE answers 200 "finished" once the run has ended and given its slot back.
    return pollUntil(
      async () => (await fetch(`${app.url}/api/chat/${id}`, { method: "DELETE" })).status,
      (status) => status === 200,
      Date.now() + 5_000,
    );
  }

  async function expectRefused(response: Response, status: number, code: string, setting: string) {
    expect(response.status).toBe(status);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("x-stream-id")).toBeNull();
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(setting);
  }

  it("refuses a client's live run past RESUME_MAX_RUNS_PER_CLIENT with a 429, not another client's", async () => {
    const me = newClient();
    const ids: string[] = [];
    for (let i = 0; i < RUNS_PER_CLIENT; i++) {
      const response = await start(me);
      expect(response.status).toBe(200);
      ids.push(response.headers.get("x-stream-id") ?? "");
    }
    const marker = nonce();
    await expectRefused(
      await start(me, `${LIVE} ${marker}`),
      429,
      "too_many_client_streams",
      "RESUME_MAX_RUNS_PER_CLIENT",
    );
    // Refused before the model was asked anything.
    expect(await upstreamRequests(upstream, marker)).toHaveLength(0);

    const other = await start(newClient());
    expect(other.status).toBe(200);

    // A run that ends gives its slot back.
    expect(await stop(ids[0] ?? "")).toBe(200);
    const again = await start(me);
    expect(again.status).toBe(200);
    for (const id of [ids[1], again.headers.get("x-stream-id"), other.headers.get("x-stream-id")])
      await stop(id ?? "");
  });

  it("refuses readers past RESUME_MAX_READERS_PER_CLIENT and RESUME_MAX_READERS_PER_STREAM with 429s", async () => {
    const started = await start(newClient());
    const id = started.headers.get("x-stream-id") ?? "";
    const me = newClient();
    for (let i = 0; i < READERS_PER_CLIENT; i++) expect((await attach(me, id)).response.status).toBe(200);
    await expectRefused(
      (await attach(me, id)).response,
      429,
      "too_many_client_readers",
      "RESUME_MAX_READERS_PER_CLIENT",
    );
    // The stream has room for one more reader, from someone else…
    expect((await attach(newClient(), id)).response.status).toBe(200);
    // …and then none.
    await expectRefused(
      (await attach(newClient(), id)).response,
      429,
      "too_many_readers",
      "RESUME_MAX_READERS_PER_STREAM",
    );
    await stop(id);
  });

  it("gives a reader's slots back when its client disconnects", async () => {
    const started = await start(newClient());
    const id = started.headers.get("x-stream-id") ?? "";
    const me = newClient();
    const mine = [];
    for (let i = 0; i < READERS_PER_CLIENT; i++) mine.push(await attach(me, id));
    expect((await attach(me, id)).response.status).toBe(429);
    mine[0]?.connection.abort();
    // The server hears the close a moment later; until then the client is still at its cap.
    const next = await pollUntil(
      async () => {
        const { response } = await attach(me, id);
        if (!response.ok) await response.body?.cancel();
        return response.status;
      },
      (status) => status === 200,
      Date.now() + 5_000,
    );
    expect(next).toBe(200);
    await stop(id);
  });

  it("gives a reader's slots back when its stream ends", async () => {
    const started = await start(newClient());
    const id = started.headers.get("x-stream-id") ?? "";
    const me = newClient();
    const mine = [];
    for (let i = 0; i < READERS_PER_CLIENT; i++) mine.push(await attach(me, id));
    mine.push(await attach(newClient(), id));
    const late = newClient();
    expect((await attach(late, id)).response.status).toBe(429);
    expect((await attach(me, id)).response.status).toBe(429);

    expect(await stop(id)).toBe(200);
    for (const { response } of mine) {
      const { frames, done } = await readFrames(response);
      expect(done).toBe(true);
      expect(frameEvent(frames.at(-2) ?? "")).toMatchObject({
        event: "end",
        data: { finish_reason: "cancelled" },
      });
    }
    // Every reader's response has closed: the stream and the client have their slots again.
    for (const client of [late, me]) {
      const { response } = await attach(client, id);
      expect(response.status).toBe(200);
      expect((await readFrames(response)).done).toBe(true);
    }
  });
});
