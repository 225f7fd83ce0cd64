import { describe, expect, it } from "vitest";
import { streamChunks } from "./stream-chunks";

const bytes = (...values: number[]) => Uint8Array.from(values);

function bodyOf(chunks: Uint8Array[]): { body: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  let index = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, cancelled: () => cancelled };
}

describe("streamChunks", () => {
  it("yields a ReadableStream's chunks in order and releases it at the end", async () => {
    const { body, cancelled } = bodyOf([bytes(1), bytes(2, 3)]);
    const seen: number[][] = [];
    for await (const chunk of streamChunks(body)) seen.push([...chunk]);
    expect(seen).toEqual([[1], [2, 3]]);
    expect(cancelled()).toBe(false);
    expect(body.locked).toBe(false);
  });

  it("cancels the body when the loop breaks early", async () => {
    const { body, cancelled } = bodyOf([bytes(1), bytes(2), bytes(3)]);
    for await (const chunk of streamChunks(body)) {
      expect([...chunk]).toEqual([1]);
      break;
    }
    expect(cancelled()).toBe(true);
    expect(body.locked).toBe(false);
  });

  it("passes an async iterable through as it is", async () => {
    async function* source() {
      yield bytes(4);
      yield bytes(5);
    }
    const seen: number[][] = [];
    for await (const chunk of streamChunks(source())) seen.push([...chunk]);
    expect(seen).toEqual([[4], [5]]);
  });
});
