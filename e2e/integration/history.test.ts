import { beforeAll, describe, expect, inject, it } from "vitest";
import { titleFrom } from "../../lib/chat-client/title-from";
import { HistoryClient, messageOf, newId, type WireTree } from "../../lib/testing/history-client";
import { pollUntil } from "../../lib/testing/poll-until";
import { dataOf, readFrames, readSse, text, upstreamRequests } from "../../lib/testing/sse-client";

// PROTOCOL.md section 10 through the built app in the open mode (one owner, "local", PGlite in a
// temporary DATA_DIR): the conversation routes, and answers the server keeps as they stream.

const app = new HistoryClient(inject("appUrl"));
const upstream = inject("upstreamUrl");

// The store opens on first use (a new cluster and its migrations: seconds on a busy machine).
beforeAll(async () => {
  expect((await app.send("GET", "/api/conversations")).status).toBe(200);
}, 120_000);

type ProviderMessage = { role: string; content: string | null };
const providerMessages = (body: unknown) =>
  ((body as { messages: ProviderMessage[] }).messages ?? []).filter((m) => m.role !== "system");

describe("a conversation's answer, kept by the server", () => {
  it("titles a new conversation as the UI does, from the question's first line", async () => {
    const question = `\n  a first line long enough to be cut, ${"ab".repeat(30)}😀 ${newId("m")}\nand a second line`;
    const turn = app.firstTurn(question);
    await readSse(await app.chat(turn, { thinking: false }));
    // The sidebar shows titleFrom() until the server's copy replaces it: the two must agree.
    expect((await app.tree(turn.id)).title).toBe(titleFrom(question));
  });

  it("keeps a stored answer's effort and cost with it, and sends the effort upstream (sections 16, 19)", async () => {
    const marker = newId("m");
    const turn = app.firstTurn(`effort ${marker}`);
    const { events } = await readSse(await app.chat(turn, { effort: "low" }));
    expect(dataOf(events, "start")[0]).toMatchObject({ reasoning: "enabled", effort: "low" });
    const [end] = dataOf(events, "end");
    expect(end?.stats.cost?.usd).toBeGreaterThan(0);
    const answer = messageOf(await app.tree(turn.id), turn.answer_id);
    expect(answer).toMatchObject({ effort: "low", stats: { cost: end?.stats.cost } });
    const [request] = await upstreamRequests(upstream, marker);
    expect(request?.body).toMatchObject({ reasoning_effort: "low" });
  });

  it("stores the question and the answer, says where in `start`, and sends the model the stored path", async () => {
    const marker = newId("m");
    const turn = app.firstTurn(`first question ${marker}`);
    const response = await app.chat(turn, { thinking: false });
    expect(response.status).toBe(200);
    const { events } = await readSse(response);
    expect(dataOf(events, "start")[0]).toMatchObject({
      conversation_id: turn.id,
      message_id: turn.message.id,
      answer_id: turn.answer_id,
    });
    const answered = text(events, "message");
    const tree = await app.tree(turn.id);
    expect(tree.title).toBe(`first question ${marker}`);
    expect(tree.currentLeafId).toBe(turn.answer_id);
    expect(tree.messages.map((m) => [m.id, m.parentId, m.role])).toEqual([
      [turn.message.id, null, "user"],
      [turn.answer_id, turn.message.id, "assistant"],
    ]);
    const answer = messageOf(tree, turn.answer_id);
    expect(answer).toMatchObject({ content: answered, status: "done", finishReason: "stop" });
    expect(answer?.streamId).toBeUndefined();
    expect(answer?.stats).toBeDefined();

    // The next question: the model gets the stored turns, whatever the client holds.
    const second = {
      id: turn.id,
      parent_id: turn.answer_id,
      message: { id: newId("m"), content: `again ${marker}` },
      answer_id: newId("m"),
    };
    await readSse(await app.chat(second, { thinking: false }));
    const [, call] = await upstreamRequests(upstream, marker);
    expect(providerMessages(call?.body).map((m) => [m.role, m.content])).toEqual([
      ["user", `first question ${marker}`],
      ["assistant", answered],
      ["user", `again ${marker}`],
    ]);
  });

  it("refuses earlier turns from the client: messages or a prompt beside a conversation is a 400", async () => {
    const turn = app.firstTurn("forged");
    const forged = await app.send("POST", "/api/chat", {
      conversation: turn,
      messages: [{ role: "user", content: "the client's own history" }],
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({
      error: { code: "invalid_request", message: expect.stringContaining("messages") },
    });
    expect((await app.send("GET", `/api/conversations/${turn.id}`)).status).toBe(404);
  });

  it("stores the question before the model is called, even when the model call fails", async () => {
    const marker = newId("m");
    const turn = app.firstTurn(`[[scenario:{"name":"status","status":500}]] ${marker}`);
    const { events } = await readSse(await app.chat(turn));
    expect(dataOf(events, "end")[0]?.finish_reason).toBe("error");
    const tree = await app.tree(turn.id);
    const question = messageOf(tree, turn.message.id);
    const [call] = await upstreamRequests(upstream, marker);
    expect(question?.createdAt).toBeLessThanOrEqual(call?.receivedAt ?? 0);
    expect(messageOf(tree, turn.answer_id)).toMatchObject({
      status: "error",
      error: { message: expect.any(String) },
    });
  });

  it("completes an answer in the database after its reader went away", async () => {
    const turn = app.firstTurn('[[scenario:{"name":"slow","delayMs":60}]] closed tab');
    const response = await app.chat(turn);
    const early = await readFrames(response, { limit: 3 });
    expect(early.done).toBe(false);
    const streaming = await app.tree(turn.id);
    expect(messageOf(streaming, turn.answer_id)).toMatchObject({
      status: "streaming",
      streamId: expect.any(String),
    });
    const done = await pollUntil(
      () => app.tree(turn.id),
      (tree) => messageOf(tree, turn.answer_id)?.status !== "streaming",
      Date.now() + 30_000,
    );
    const answer = messageOf(done, turn.answer_id);
    expect(answer).toMatchObject({ status: "done", finishReason: "stop" });
    expect(answer?.content.length).toBeGreaterThan(20);
    // The saved answer is what the stream carried, whole.
    const replay = await readSse(
      await fetch(`${app.url}/api/chat/${messageOf(streaming, turn.answer_id)?.streamId}`),
    );
    expect(answer?.content).toBe(text(replay.events, "message"));
  });

  it("regenerates as a sibling, and switches branches with PATCH currentLeafId", async () => {
    const turn = app.firstTurn("branch me");
    await readSse(await app.chat(turn, { thinking: false }));
    const again = newId("m");
    await readSse(
      await app.chat({ id: turn.id, parent_id: turn.message.id, answer_id: again }, { thinking: false }),
    );
    let tree = await app.tree(turn.id);
    expect(tree.messages.filter((m) => m.parentId === turn.message.id).map((m) => m.id)).toEqual([
      turn.answer_id,
      again,
    ]);
    expect(tree.currentLeafId).toBe(again);
    const patched = await app.send("PATCH", `/api/conversations/${turn.id}`, {
      currentLeafId: turn.answer_id,
    });
    expect(await patched.json()).toMatchObject({ id: turn.id, currentLeafId: turn.answer_id });
    tree = await app.tree(turn.id);
    expect(tree.currentLeafId).toBe(turn.answer_id);
    const missing = await app.send("PATCH", `/api/conversations/${turn.id}`, { currentLeafId: "m_nope" });
    expect(missing.status).toBe(404);
    // A regenerate must answer a user message.
    const wrong = await app.chat({ id: turn.id, parent_id: turn.answer_id, answer_id: newId("m") });
    expect(wrong.status).toBe(400);
  });
});

describe("the conversation routes", () => {
  it("list newest first, page with a cursor, and catch up with ?since", async () => {
    const base = Date.now() - 60_000;
    const ids = Array.from({ length: 5 }, () => newId("c"));
    const imported = await app.send("POST", "/api/conversations/import", {
      conversations: ids.map((id, i) => ({
        id,
        title: `#${i}`,
        createdAt: base,
        updatedAt: base + i,
        messages: [],
      })),
    });
    expect(await imported.json()).toEqual({ imported: ids, skipped: [] });
    const since = base - 1;
    const first = await (await app.send("GET", `/api/conversations?limit=3&since=${since}`)).json();
    expect(first.conversations.map((c: WireTree) => c.id).slice(-3)).not.toContain(ids[0]);
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await (
        await app.send("GET", `/api/conversations?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      all.push(...page.conversations.map((c: WireTree) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    const ours = all.filter((id) => ids.includes(id));
    expect(ours).toEqual([...ids].reverse());
    // Catching up: the newest change seen, then a rename and a deletion after it, in that order.
    const listed = await (await app.send("GET", `/api/conversations?since=${since}&limit=100`)).json();
    const mark = Math.max(...listed.conversations.map((c: { changedAt: number }) => c.changedAt));
    const ourChanges = async () =>
      (await (await app.send("GET", `/api/conversations?since=${mark}`)).json()).conversations.filter(
        (c: { id: string }) => ids.includes(c.id),
      );
    expect(await ourChanges()).toEqual([]);
    await app.send("PATCH", `/api/conversations/${ids[1]}`, { title: "renamed elsewhere" });
    await app.send("DELETE", `/api/conversations/${ids[2]}`);
    expect(await ourChanges()).toEqual([
      expect.objectContaining({ id: ids[1], title: "renamed elsewhere", updatedAt: base + 1 }),
      expect.objectContaining({ id: ids[2], title: "", deleted: true }),
    ]);
    expect((await app.send("GET", "/api/conversations?limit=0")).status).toBe(400);
    expect((await app.send("GET", "/api/conversations?cursor=bogus")).status).toBe(400);
  });

  it("import one conversation larger than a chat request may be, up to 8 MB", async () => {
    const conversation = (id: string, answerBytes: number) => ({
      id,
      title: "long",
      createdAt: 1,
      updatedAt: 2,
      messages: [
        { id: "q", role: "user", content: "q", parts: [{ type: "text", text: "q" }], createdAt: 1 },
        {
          id: "a",
          role: "assistant",
          content: "a".repeat(answerBytes),
          parts: [],
          createdAt: 2,
          status: "done",
        },
      ],
    });
    const long = newId("c");
    // Three times BODY_LIMIT_BYTES (1 MB).
    const imported = await app.send("POST", "/api/conversations/import", {
      conversations: [conversation(long, 3_000_000)],
    });
    expect(await imported.json()).toEqual({ imported: [long], skipped: [] });
    expect((await app.tree(long)).messages[1]?.content).toHaveLength(3_000_000);
    const huge = await app.send("POST", "/api/conversations/import", {
      conversations: [conversation(newId("c"), 9_100_000)],
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: "body_too_large" } });
  });

  it("rename, delete, and answer 404 for what is not there", async () => {
    const id = newId("c");
    await app.send("POST", "/api/conversations/import", {
      conversations: [{ id, title: "old", createdAt: 1, updatedAt: 2, messages: [] }],
    });
    const renamed = await app.send("PATCH", `/api/conversations/${id}`, { title: "  new title " });
    expect(await renamed.json()).toMatchObject({ id, title: "new title" });
    expect((await app.send("PATCH", `/api/conversations/${id}`, {})).status).toBe(400);
    expect((await app.send("DELETE", `/api/conversations/${id}`)).status).toBe(204);
    expect((await app.send("GET", `/api/conversations/${id}`)).status).toBe(404);
    expect((await app.send("DELETE", `/api/conversations/${id}`)).status).toBe(404);
    expect(await (await app.send("PATCH", `/api/conversations/${id}`, { title: "x" })).json()).toMatchObject({
      error: { code: "not_found" },
    });
  });

  it("import: one branch in order, a streaming answer as interrupted, idempotent by id", async () => {
    const id = newId("c");
    const messages = [
      { id: "m1", role: "user", content: "Q", parts: [], createdAt: 10 },
      {
        id: "m2",
        role: "assistant",
        content: "A",
        parts: [{ type: "text", text: "A" }],
        createdAt: 11,
        status: "streaming",
      },
    ];
    const body = { conversations: [{ id, title: "moved", createdAt: 10, updatedAt: 11, messages }] };
    expect(await (await app.send("POST", "/api/conversations/import", body)).json()).toEqual({
      imported: [id],
      skipped: [],
    });
    expect(await (await app.send("POST", "/api/conversations/import", body)).json()).toEqual({
      imported: [],
      skipped: [id],
    });
    const tree = await app.tree(id);
    expect(tree.messages.map((m) => [m.id, m.parentId, m.status])).toEqual([
      ["m1", null, undefined],
      ["m2", "m1", "interrupted"],
    ]);
    const bad = {
      conversations: [
        { id: newId("c"), title: "x", createdAt: 1, updatedAt: 1, messages: [messages[0], messages[0]] },
      ],
    };
    expect((await app.send("POST", "/api/conversations/import", bad)).status).toBe(400);
  });

  it("says on the page that history lives on the server", async () => {
    const page = await (await fetch(`${app.url}/`)).text();
    expect(page).toMatch(/<html[^>]* data-history="server"/);
  });
});
