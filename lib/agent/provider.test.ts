import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { ChatError } from "./chat-error";
import { IdleWatchdog } from "./idle-watchdog";
import { type Chunk, readChunks } from "./provider";

// The provider body reader on its own: what PROVIDER.md says a DeepSeek stream holds, cut into
// arbitrary pieces. The scripted-upstream tests (run-agent.test.ts) cover it end to end.

function body(pieces: string[]): Response {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(encoder.encode(piece));
        controller.close();
      },
    }),
  );
}

async function read(response: Response, idle = new IdleWatchdog(60_000)): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of readChunks(response, idle)) chunks.push(chunk);
  return chunks;
}

const delta = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;

describe("readChunks", () => {
  it("parses data lines split anywhere, skips keep-alive comments, and stops at [DONE]", async () => {
    const wire = `: keep-alive\n\n${delta("贵州")}${delta("茅台")}data: [DONE]\n\n${delta("after")}`;
    const pieces = [wire.slice(0, 5), wire.slice(5, 23), wire.slice(23, 24), wire.slice(24)];
    const chunks = await read(body(pieces));
    expect(chunks.map((c) => c.choices?.[0]?.delta?.content)).toEqual(["贵州", "茅台"]);
  });

  it("keeps a multi-byte character split across reads whole", async () => {
    const bytes = new TextEncoder().encode(delta("茅"));
    const cut = bytes.indexOf(0xe8) + 1; // inside the character's three bytes
    const response = new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, cut));
          controller.enqueue(bytes.slice(cut));
          controller.close();
        },
      }),
    );
    expect((await read(response))[0]?.choices?.[0]?.delta?.content).toBe("茅");
  });

  it("turns an error object mid-stream into the SDK's APIError, after the chunks before it", async () => {
    const wire = `${delta("half")}data: {"error":{"message":"overloaded","type":"server_error"}}\n\n`;
    const chunks: Chunk[] = [];
    const failure = await (async () => {
      try {
        for await (const chunk of readChunks(body([wire]), new IdleWatchdog(60_000))) chunks.push(chunk);
      } catch (error) {
        return error;
      }
    })();
    expect(chunks).toHaveLength(1);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toContain("overloaded");
  });

  it("says it cannot read data that is not JSON", async () => {
    await expect(read(body(["data: {not json\n\n"]))).rejects.toBeInstanceOf(ChatError);
  });

  it("touches the watchdog on every read, keep-alives included", async () => {
    let touches = 0;
    const idle = new IdleWatchdog(60_000);
    idle.touch = () => {
      touches++;
    };
    await read(body([": keep-alive\n\n", ": keep-alive\n\n", delta("a")]), idle);
    expect(touches).toBe(3);
  });
});
