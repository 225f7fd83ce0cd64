import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { ImagePart } from "../../lib/protocol/image-part";
import { HistoryClient, messageOf, newId } from "../../lib/testing/history-client";
import { dataOf, readSse, upstreamRequests } from "../../lib/testing/sse-client";

// PROTOCOL.md section 20, "Images", through the built app: POST /api/files tells an image by its
// bytes and answers an image part; a question's images reach a model that reads them
// (deepseek-flash, VISION_MODELS' default) as image_url blocks, and a text-only model
// (deepseek-v4-pro) gets nothing of them — the scripted upstream refuses image_url for it, as
// DeepSeek does.

const appUrl = inject("appUrl");
const upstream = inject("upstreamUrl");
const app = new HistoryClient(appUrl);

const fixture = (name: string) => readFile(new URL(`../../lib/files/__fixtures__/${name}`, import.meta.url));

async function upload(name: string, body: BodyInit, type: string): Promise<Response> {
  return fetch(`${appUrl}/api/files?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "content-type": type },
    body,
  });
}

async function uploaded(name: string, fixtureName: string, type: string): Promise<ImagePart> {
  const response = await upload(name, await fixture(fixtureName), type);
  expect(response.status).toBe(200);
  return ((await response.json()) as { file: ImagePart }).file;
}

type Content = string | { type: string; text?: string; image_url?: { url: string } }[];
const userTurns = (body: unknown) =>
  ((body as { messages: { role: string; content: Content }[] }).messages ?? [])
    .filter((m) => m.role === "user")
    .map((m) => m.content);

beforeAll(async () => {
  expect((await app.send("GET", "/api/conversations")).status).toBe(200);
}, 120_000);

describe("POST /api/files with an image", () => {
  it.each([
    ["截图.png", "pixel.png", "image/png"],
    ["photo.jpg", "pixel.jpg", "image/jpeg"],
    ["anim.gif", "pixel.gif", "image/gif"],
    ["pic.webp", "pixel-lossy.webp", "image/webp"],
  ])("answers %s as an image part with its size in pixels", async (name, source, mediaType) => {
    const bytes = await fixture(source);
    const image = await uploaded(name, source, mediaType);
    expect(image).toEqual({
      type: "image",
      name,
      media_type: mediaType,
      size: bytes.byteLength,
      width: 5,
      height: 3,
      data: bytes.toString("base64"),
    });
  });

  it("refuses a .png that is not a PNG (415 image_invalid), and an image over IMAGE_MAX_BYTES (413)", async () => {
    const fake = await upload("fake.png", await fixture("fake.png"), "image/png");
    expect(fake.status).toBe(415);
    const body = (await fake.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("image_invalid");
    expect(body.error.message).toContain("not a JPEG, PNG, GIF or WebP image");

    // A PNG signature ahead of 5 MB and a byte: over the default IMAGE_MAX_BYTES.
    const png = await fixture("pixel.png");
    const big = new Uint8Array(5_000_001);
    big.set(png);
    const tooBig = await upload("big.png", big, "image/png");
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe("file_too_large");
  });
});

describe("a question's images", () => {
  it("reach a vision model as image_url blocks after the text", async () => {
    const marker = newId("m");
    const image = await uploaded("截图.png", "pixel.png", "image/png");
    const response = await app.send("POST", "/api/chat", {
      messages: [{ role: "user", content: `这是什么? ${marker}`, parts: [image] }],
      model: "deepseek-flash",
      thinking: false,
    });
    expect(response.status).toBe(200);
    const { events } = await readSse(response);
    expect(dataOf(events, "error")).toEqual([]);
    const [request] = await upstreamRequests(upstream, marker);
    expect(request?.status).toBe(200);
    expect(userTurns(request?.body)).toEqual([
      [
        { type: "text", text: `这是什么? ${marker}` },
        { type: "image_url", image_url: { url: `data:image/png;base64,${image.data}` } },
      ],
    ]);
  });

  it("never reach a text-only model", async () => {
    const marker = newId("m");
    const image = await uploaded("截图.png", "pixel.png", "image/png");
    const response = await app.send("POST", "/api/chat", {
      messages: [{ role: "user", content: `这是什么? ${marker}`, parts: [image] }],
      model: "deepseek-v4-pro",
      thinking: false,
    });
    const { events } = await readSse(response);
    expect(dataOf(events, "error")).toEqual([]);
    const [request] = await upstreamRequests(upstream, marker);
    expect(request?.status).toBe(200);
    expect(userTurns(request?.body)).toEqual([`这是什么? ${marker}`]);
    expect(JSON.stringify(request?.body)).not.toContain(image.data);
  });

  it("are stored with a conversation's question and sent as the same bytes on the next turn", async () => {
    const marker = newId("m");
    const image = await uploaded("photo.jpg", "pixel.jpg", "image/jpeg");
    const first = app.firstTurn(`看图 ${marker}`);
    const turn = { ...first, message: { ...first.message, parts: [image] } };
    await readSse(await app.chat(turn, { thinking: false, model: "deepseek-flash" }));
    expect(messageOf(await app.tree(turn.id), turn.message.id)?.parts).toEqual([image]);

    const next = {
      id: turn.id,
      parent_id: turn.answer_id,
      message: { id: newId("m"), content: `再看 ${marker}` },
      answer_id: newId("m"),
    };
    await readSse(await app.chat(next, { thinking: false, model: "deepseek-flash" }));
    const requests = await upstreamRequests(upstream, marker);
    expect(requests.map((request) => request.status)).toEqual([200, 200]);
    const [firstTurn, secondTurn] = requests.map((request) => userTurns(request.body));
    expect(JSON.stringify(secondTurn?.[0])).toBe(JSON.stringify(firstTurn?.[0]));
    expect(JSON.stringify(firstTurn?.[0])).toContain(`data:image/jpeg;base64,${image.data}`);
  });

  it("are refused as a 400 naming the field: a bad media type, too many, or too many bytes together", async () => {
    const image = await uploaded("截图.png", "pixel.png", "image/png");
    const refusal = async (messages: unknown) => {
      const response = await app.send("POST", "/api/chat", { messages });
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: { message: string } }).error.message;
    };
    expect(
      await refusal([{ role: "user", content: "q", parts: [{ ...image, media_type: "image/svg+xml" }] }]),
    ).toBe("messages[0].parts[0].media_type: use image/jpeg, image/png, image/gif or image/webp");
    expect(
      await refusal([{ role: "user", content: "q", parts: Array.from({ length: 5 }, () => image) }]),
    ).toBe("messages[0].parts: more than 4 images");
    // Two images of 3.1 MB: each within IMAGE_MAX_BYTES, together over CONVERSATION_IMAGE_BYTES.
    const big = { ...image, data: Buffer.alloc(3_100_000).toString("base64") };
    expect(
      await refusal([
        { role: "user", content: "q", parts: [big] },
        { role: "assistant", content: "a" },
        { role: "user", content: "q", parts: [big] },
      ]),
    ).toBe(
      "messages[2].parts[0].data: the conversation's images are more than 6000000 bytes together: start a new chat to send more",
    );
  });
});
