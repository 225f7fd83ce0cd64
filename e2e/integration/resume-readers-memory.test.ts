import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { nonce, readFrames } from "../../lib/testing/sse-client";
import { type PausedReader, pausedReader } from "../support/paused-reader";
import { residentMiB, watchResidentMiB } from "../support/resident-memory";
import { TEST_ENV } from "./global-setup";

// Finding 1 of the security probe: readers of a finished resumable answer that never read it must
// not make the server hold the answer once per reader. An app of its own, with reader caps high
// enough to admit every reader: this measures batching and backpressure, not the caps. The answer
// is larger than the kernel buffers for one connection (about 4 MiB on Linux), so the server must
// hold back the rest of it for each reader.

const upstream = inject("upstreamUrl");

const ANSWER_BYTES = 4 * 1024 * 1024;
// Small pieces, as a model streams them: 65,536 events. What a reader once held grows with the
// events it unpacked (about 88 bytes of objects each, on top of the answer it shares).
const PIECE_BYTES = 64;
const READERS = 50;
// What one stalled reader may rightly hold: one batch (64 events or about 64 Ki characters, as
// strings and as the UTF-8 chunk written), Node's socket buffer (16 KiB past which write() says
// wait, plus the chunk that crossed it) and its request's objects: under 300 KiB, so 15 MiB for
// fifty. On top of that comes the heap's own growth, which depends on when V8 collects: +8 to
// +9.5 MiB on this machine, +33 MiB once on CI. Before batching each reader held the whole answer
// unpacked: +280 to +284 MiB (5.6 MiB each). 64 MiB leaves the heap its room and still fails that
// by a factor of four.
const BOUND_MIB = 64;

describe("readers that never read a 4 MiB answer", () => {
  let app: AppServer;
  const dataDir = mkdtempSync(join(tmpdir(), "readers-memory-"));
  const readers: PausedReader[] = [];

  beforeAll(async () => {
    // A data directory the app makes its own cluster in, as on a first start in production, not
    // the suite's copied cluster (pglite-template.ts): with the copy, the server's RSS jumped by
    // 75–130 MiB during the watch below in 2 of 7 full runs, which readers do not explain; the
    // cause is not found yet (the note of issue 16 says so).
    app = await startApp({
      DATA_DIR: dataDir,
      ...TEST_ENV,
      DEEPSEEK_BASE_URL: upstream,
      RATE_LIMIT_PER_MIN: "0",
      // The answer counts about twice its bytes (UTF-16): keep all of it.
      RESUME_MAX_STREAM_BYTES: String(64 * 1024 * 1024),
      RESUME_MAX_READERS_PER_STREAM: String(READERS * 2),
      RESUME_MAX_READERS_PER_CLIENT: String(READERS * 2),
    });
    // The server opens its store (an embedded database, 100+ MiB) once it listens: the baseline
    // below is taken after that, or the store's memory would count as the readers'.
    expect((await fetch(`${app.url}/api/conversations`)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`hold the server's resident memory under ${BOUND_MIB} MiB more for ${READERS} of them`, async () => {
    const prompt = `[[scenario:{"name":"bulk","bytes":${ANSWER_BYTES},"pieceBytes":${PIECE_BYTES}}]] ${nonce()}`;
    const started = await fetch(`${app.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt, resumable: true, thinking: false }),
    });
    const id = started.headers.get("x-stream-id") ?? "";
    const first = await readFrames(started);
    expect(first.done).toBe(true);
    // One whole replay first: code paths warm, and the answer really is all there.
    const replay = await readFrames(await fetch(`${app.url}/api/chat/${id}`));
    expect(replay.frames).toEqual(first.frames);
    const answered = replay.frames.join("").length;
    expect(answered).toBeGreaterThan(ANSWER_BYTES);

    const before = await residentMiB(app.pid);
    readers.push(
      ...(await Promise.all(Array.from({ length: READERS }, () => pausedReader(app.url, `/api/chat/${id}`)))),
    );
    expect(readers.map((reader) => reader.status)).toEqual(Array(READERS).fill("HTTP/1.1 200 OK"));
    const watch = await watchResidentMiB(app.pid, { deadline: Date.now() + 20_000 });
    const grew = watch.peak - before;
    console.log(
      `[memory] ${READERS} paused readers of a ${(answered / 2 ** 20).toFixed(1)} MiB answer: ` +
        `${before.toFixed(0)} MiB before, peak ${watch.peak.toFixed(0)} MiB (+${grew.toFixed(1)}), ` +
        `${watch.settled ? "settled" : "still moving"} at ${watch.last.toFixed(0)} MiB`,
    );
    expect(grew).toBeLessThan(BOUND_MIB);

    // The server still serves the whole answer while they hang on.
    const again = await readFrames(await fetch(`${app.url}/api/chat/${id}`));
    expect(again.frames).toEqual(first.frames);
  }, 60_000);
});
