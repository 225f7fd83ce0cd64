import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { HistoryClient, newId, type WireTree } from "../../lib/testing/history-client";
import { readSse } from "../../lib/testing/sse-client";
import { TEST_ENV } from "./global-setup";

// PROTOCOL.md section 12 through the built apps: a conversation out as Markdown and JSON,
// everything out as one file, and a file back in, exact, atomic, into the importing owner only.

const app = new HistoryClient(inject("appUrl"));
const upstream = inject("upstreamUrl");
const CODE = "export-code";
let guarded: AppServer;
let storeless: AppServer;

beforeAll(async () => {
  [guarded, storeless] = await Promise.all([
    startApp({ ...TEST_ENV, DEEPSEEK_BASE_URL: upstream, ACCESS_CODE: CODE, RATE_LIMIT_PER_MIN: "0" }),
    startApp({ ...TEST_ENV, DEEPSEEK_BASE_URL: upstream, VERCEL: "1", RATE_LIMIT_PER_MIN: "0" }),
  ]);
  // The stores open on first use (a new cluster and its migrations: seconds on a busy machine).
  expect((await app.send("GET", "/api/conversations")).status).toBe(200);
  expect((await (await signIn()).send("GET", "/api/conversations")).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await Promise.all([guarded?.close(), storeless?.close()]);
});

async function signIn(): Promise<HistoryClient> {
  const response = await fetch(`${guarded.url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: CODE }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return new HistoryClient(guarded.url, { cookie });
}

const at = Date.UTC(2025, 5, 1);

/** A file of one conversation with fresh ids: a question and its answer. */
function fileOf(conversations: unknown[]) {
  return { format: "deepseek-chat-export", version: 1, exportedAt: at, conversations };
}
function conversation(id = newId("c")) {
  const q = newId("m");
  const a = newId("m");
  return {
    id,
    title: `imported ${id}`,
    createdAt: at,
    updatedAt: at + 1,
    currentLeafId: a,
    messages: [
      { id: q, parentId: null, role: "user", content: "question", parts: [], createdAt: at, updatedAt: at },
      {
        id: a,
        parentId: q,
        role: "assistant",
        content: "answer",
        parts: [{ type: "text", text: "answer" }],
        createdAt: at + 1,
        updatedAt: at + 1,
        status: "streaming",
      },
    ],
  };
}

/** A tree with ids replaced by what each message says: equal modulo ids. */
function shape(tree: WireTree) {
  const label = new Map(tree.messages.map((m) => [m.id, `${m.role}:${m.content}@${m.createdAt}`]));
  const name = (id: string | null) => (id === null ? null : label.get(id));
  return {
    title: tree.title,
    createdAt: tree.createdAt,
    updatedAt: tree.updatedAt,
    currentLeaf: name(tree.currentLeafId),
    messages: tree.messages
      .map(({ id, parentId, ...fields }) => ({ ...fields, at: name(id), parent: name(parentId) }))
      .sort((x, y) => String(x.at).localeCompare(String(y.at))),
  };
}

/** A string is sent as it is: a file too deep for this process's JSON.stringify. */
async function importFile(client: HistoryClient, body: unknown) {
  const response =
    typeof body === "string"
      ? await fetch(`${client.url}/api/import`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        })
      : await client.send("POST", "/api/import", body);
  return { status: response.status, body: await response.json() };
}

describe("export and import (open mode)", () => {
  it("exports a conversation's branch as Markdown and its whole tree as JSON, and imports it back as an equal copy", async () => {
    const first = app.firstTurn(`分析一下 600519 ${newId("m")} [[scenario:tool]]`);
    await readSse(await app.chat(first, { thinking: true }));
    // An edited question: a second branch, which becomes the one shown.
    const edit = {
      id: first.id,
      parent_id: null,
      message: { id: newId("m"), content: "the edited question" },
      answer_id: newId("m"),
    };
    await readSse(await app.chat(edit, { thinking: false }));
    const tree = await app.tree(first.id);
    expect(tree.messages).toHaveLength(4);

    const md = await app.send("GET", `/api/conversations/${first.id}/export?format=md&lang=en`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const disposition = md.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="_ 600519 m_[0-9a-f]+ [^"]*\.md"; filename\*=UTF-8''/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("分析一下 600519")}`);
    const markdown = await md.text();
    expect(markdown.startsWith(`# ${tree.title}\n`)).toBe(true);
    expect(markdown).toContain("## You\n\nthe edited question");
    expect(markdown).not.toContain("## You\n\n分析一下");
    expect(markdown).not.toContain("get_stock_info");

    const json = await app.send("GET", `/api/conversations/${first.id}/export?format=json`);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const file = await json.json();
    expect(file).toMatchObject({
      format: "deepseek-chat-export",
      version: 1,
      conversations: [{ id: first.id }],
    });

    const imported = await importFile(app, file);
    expect(imported.status).toBe(200);
    const [copy] = imported.body.imported;
    expect(copy.sourceId).toBe(first.id);
    expect(copy.id).not.toBe(first.id);
    const restored = await app.tree(copy.id);
    expect(shape(restored)).toEqual(shape(tree));
    const oldIds = new Set(tree.messages.map((m) => m.id));
    expect(restored.messages.some((m) => oldIds.has(m.id))).toBe(false);

    // The first branch, with its tool call, is in the copy's Markdown once it is the one shown.
    const firstAnswer = restored.messages.find((m) => m.parts.some((p) => p.type === "tool"));
    await app.send("PATCH", `/api/conversations/${copy.id}`, { currentLeafId: firstAnswer?.id });
    const branch = await (await app.send("GET", `/api/conversations/${copy.id}/export?lang=zh`)).text();
    expect(branch).toContain("## 你\n\n分析一下 600519");
    expect(branch).toContain("<summary>工具: <code>get_stock_info</code>");
    expect(branch).toContain("工具返回");
  });

  it("exports everything as one file, and refuses a format it does not know", async () => {
    const c = conversation();
    expect((await importFile(app, fileOf([c]))).status).toBe(200);
    const all = await app.send("GET", "/api/export");
    expect(all.headers.get("content-disposition")).toMatch(
      /^attachment; filename="deepseek-chat-\d{4}-\d{2}-\d{2}\.json"; filename\*=UTF-8''deepseek-chat-/,
    );
    const body = await all.json();
    const mine = body.conversations.find((x: { id: string }) => x.id === c.id);
    expect(mine.messages.map((m: { status?: string }) => m.status)).toEqual([undefined, "interrupted"]);
    expect((await app.send("GET", `/api/conversations/${c.id}/export?format=pdf`)).status).toBe(400);
    expect((await app.send("GET", `/api/conversations/${newId("c")}/export`)).status).toBe(404);
  });

  const hostile: [string, (c: ReturnType<typeof conversation>) => unknown, RegExp][] = [
    [
      "another format",
      (c) => ({ ...fileOf([c]), format: "chatgpt" }),
      /^format: not a deepseek-chat-export file/,
    ],
    ["another version", (c) => ({ ...fileOf([c]), version: 2 }), /^version: 2 is not one this server reads/],
    ["a wrong type", (c) => fileOf([{ ...c, createdAt: "yesterday" }]), /^conversations\.0\.createdAt: /],
    ["a huge title", (c) => fileOf([{ ...c, title: "t".repeat(5_000) }]), /^conversations\.0\.title: /],
    [
      "a repeated id",
      (c) => fileOf([c, { ...conversation(), id: c.id }]),
      /^conversations\.1\.id: .* repeats$/,
    ],
    [
      "a missing parent",
      (c) => fileOf([{ ...c, messages: [c.messages[0], { ...c.messages[1], parentId: "gone" }] }]),
      /^conversations\.0\.messages\.1\.parentId: gone is not a message of this conversation$/,
    ],
    [
      "a parent in another conversation",
      (c) => {
        const other = conversation();
        return fileOf([
          c,
          { ...other, messages: [other.messages[0], { ...other.messages[1], parentId: c.messages[0]?.id }] },
        ]);
      },
      /^conversations\.1\.messages\.1\.parentId: .* is a message of another conversation \(conversations\.0\)$/,
    ],
    [
      "a cycle",
      (c) => fileOf([{ ...c, messages: [{ ...c.messages[0], parentId: c.messages[1]?.id }, c.messages[1]] }]),
      /^conversations\.0\.messages\.0\.parentId: its parents form a cycle$/,
    ],
    [
      "nesting too deep",
      (c) => {
        const deep = `${'{"deep":'.repeat(50_000)}1${"}".repeat(50_000)}`;
        const part = JSON.stringify({ type: "tool", result: "DEEP" }).replace('"DEEP"', deep);
        const file = fileOf([{ ...c, messages: [c.messages[0], { ...c.messages[1], parts: ["PART"] }] }]);
        return JSON.stringify(file).replace('"PART"', part);
      },
      /^body: nested deeper than 200 levels$/,
    ],
  ];

  it.each(hostile)("refuses %s with a 400 naming it, and changes nothing", async (_name, build, message) => {
    const good = conversation();
    const refused = await importFile(app, build(good));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_request");
    expect(refused.body.error.message).toMatch(message);
    expect((await app.send("GET", `/api/conversations/${good.id}`)).status).toBe(404);
  });

  it("refuses what is not JSON, and a file over 9 MiB before reading it", async () => {
    const notJson = await fetch(`${app.url}/api/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe("invalid_body");
    const big = conversation();
    const huge = fileOf([
      { ...big, messages: [{ ...big.messages[0], content: "x".repeat(9.5 * 1024 * 1024) }] },
    ]);
    const tooLarge = await importFile(app, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toBe("The body is larger than 9437184 bytes.");
    expect((await app.send("GET", `/api/conversations/${big.id}`)).status).toBe(404);
  });
});

describe("export and import with owners", () => {
  it("exports only the owner's conversations, and imports another's file as copies, leaving theirs untouched", async () => {
    const a = await signIn();
    const b = await signIn();
    const c = conversation();
    expect((await importFile(a, fileOf([c]))).body.imported).toEqual([{ id: c.id, sourceId: c.id }]);
    const before = await a.tree(c.id);
    const aFile = await (await a.send("GET", "/api/export")).json();
    expect(aFile.conversations.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await (await b.send("GET", "/api/export")).json()).conversations).toEqual([]);
    expect((await b.send("GET", `/api/conversations/${c.id}/export`)).status).toBe(404);

    const [copy] = (await importFile(b, aFile)).body.imported;
    expect(copy.id).not.toBe(c.id);
    expect(await a.tree(c.id)).toEqual(before);
    expect((await a.send("GET", `/api/conversations/${copy.id}`)).status).toBe(404);
    expect(shape(await b.tree(copy.id))).toEqual(shape(before));
  });

  it("answers Bearer clients 403 no_history, and a server without a store 404 history_off", async () => {
    const bearer = new HistoryClient(guarded.url, { authorization: `Bearer ${CODE}` });
    for (const [method, path, body] of [
      ["GET", "/api/export", undefined],
      ["POST", "/api/import", fileOf([])],
    ] as const) {
      const refused = await bearer.send(method, path, body);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe("no_history");
      const off = await new HistoryClient(storeless.url).send(method, path, body);
      expect(off.status).toBe(404);
      expect((await off.json()).error.code).toBe("history_off");
    }
  });
});
