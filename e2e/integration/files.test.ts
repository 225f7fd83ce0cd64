import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { FilePart } from "../../lib/protocol/file-part";
import { HistoryClient, messageOf, newId } from "../../lib/testing/history-client";
import { readSse, upstreamRequests } from "../../lib/testing/sse-client";

// PROTOCOL.md section 20 through the built app: POST /api/files reads a file or says why not, and
// a question's files reach the model as text blocks, from a `messages` request and from a stored
// conversation alike, the same bytes on the next turn.

const appUrl = inject("appUrl");
const upstream = inject("upstreamUrl");
const app = new HistoryClient(appUrl);

const fixture = (name: string) => readFile(new URL(`../../lib/files/__fixtures__/${name}`, import.meta.url));

async function upload(name: string, body: BodyInit, type = "application/octet-stream"): Promise<Response> {
  return fetch(`${appUrl}/api/files?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "content-type": type },
    body,
  });
}

async function extracted(name: string, body: BodyInit, type?: string): Promise<FilePart> {
  const response = await upload(name, body, type);
  expect(response.status).toBe(200);
  return ((await response.json()) as { file: FilePart }).file;
}

type ProviderMessage = { role: string; content: string };
const userTurns = (body: unknown) =>
  ((body as { messages: ProviderMessage[] }).messages ?? [])
    .filter((m) => m.role === "user")
    .map((m) => m.content);

beforeAll(async () => {
  expect((await app.send("GET", "/api/conversations")).status).toBe(200);
}, 120_000);

describe("POST /api/files", () => {
  it("reads a PDF's Chinese text layer into the part a question carries", async () => {
    const bytes = await fixture("chinese.pdf");
    const file = await extracted("报告.pdf", bytes, "application/pdf");
    expect(file).toMatchObject({
      type: "file",
      name: "报告.pdf",
      media_type: "application/pdf",
      size: bytes.byteLength,
    });
    expect(file.text).toContain("茅台的股价今天上涨了百分之三。");
  });

  it("reads a workbook as tables", async () => {
    const file = await extracted("sales.xlsx", await fixture("sales.xlsx"));
    expect(file.text).toContain("| 华东 | 120 | 9.5 | 1140 |");
  });

  it.each([
    ["scan.pdf", "scanned.pdf", 422, "file_no_text"],
    ["locked.pdf", "encrypted.pdf", 422, "file_encrypted"],
    ["archive.zip", "notes.docx", 415, "file_type"],
  ])("refuses %s with %i %s", async (name, source, status, code) => {
    const response = await upload(name, await fixture(source));
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
  });

  it("refuses a file over FILE_MAX_BYTES (413) and a request without a name (400)", async () => {
    const big = await upload("big.txt", "x".repeat(8_000_001), "text/plain");
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe("file_too_large");
    const unnamed = await fetch(`${appUrl}/api/files`, { method: "POST", body: "x" });
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toContain("name:");
  });
});

describe("a question's files", () => {
  it("reach the model as text blocks named by their files, from a messages request", async () => {
    const marker = newId("m");
    const file = await extracted("报告.pdf", await fixture("chinese.pdf"), "application/pdf");
    const response = await app.send("POST", "/api/chat", {
      messages: [{ role: "user", content: `总结一下 ${marker}`, parts: [file] }],
      thinking: false,
    });
    expect(response.status).toBe(200);
    await readSse(response);
    const [request] = await upstreamRequests(upstream, marker);
    expect(userTurns(request?.body)).toEqual([
      `<file name="报告.pdf" type="application/pdf">\n${file.text}\n</file>\n\n总结一下 ${marker}`,
    ]);
  });

  it("are stored with a conversation's question and sent as the same bytes on the next turn", async () => {
    const marker = newId("m");
    const file = await extracted("notes.md", `# 纪要 ${marker}\n\n预算已批准。`, "text/markdown");
    const first = app.firstTurn("");
    const turn = { ...first, message: { ...first.message, parts: [file] } };
    await readSse(await app.chat(turn, { thinking: false }));
    const stored = messageOf(await app.tree(turn.id), turn.message.id);
    expect(stored?.parts).toEqual([file]);
    expect((await app.tree(turn.id)).title).toBe("notes.md");

    const next = {
      id: turn.id,
      parent_id: turn.answer_id,
      message: { id: newId("m"), content: `more ${marker}` },
      answer_id: newId("m"),
    };
    await readSse(await app.chat(next, { thinking: false }));
    const requests = await upstreamRequests(upstream, marker);
    const block = `<file name="notes.md" type="text/markdown">\n# 纪要 ${marker}\n\n预算已批准。\n</file>`;
    expect(requests.map((request) => userTurns(request.body))).toEqual([[block], [block, `more ${marker}`]]);
  });

  it("are refused past MAX_FILES, naming the field", async () => {
    const file: FilePart = { type: "file", name: "a.txt", media_type: "text/plain", size: 1, text: "a" };
    const response = await app.send("POST", "/api/chat", {
      messages: [{ role: "user", content: "q", parts: Array.from({ length: 11 }, () => file) }],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      "messages[0].parts: more than 10 files",
    );
  });
});
