import { expect, type Page } from "@playwright/test";
import { newId } from "@/lib/testing/history-client";

/** Turns of four paragraphs each: enough that a conversation of 40 scrolls well past the screen. */
export const LONG_TURNS = 40;

/**
 * Imports a conversation of `turns` questions and answers (`Question n <tag>`, `Paragraph k of
 * answer n`), answer `plant.turn` ending with `plant.text`, and returns its id.
 */
export async function importLongConversation(
  page: Page,
  tag: string,
  {
    turns = LONG_TURNS,
    title = `Long ${tag}`,
    plant,
  }: { turns?: number; title?: string; plant?: { turn: number; text: string } } = {},
): Promise<string> {
  const id = newId("c");
  const at = Date.now() - turns * 60_000;
  const messages = Array.from({ length: turns }, (_, turn) => {
    const question = `Question ${turn} ${tag}`;
    const planted = plant?.turn === turn ? `\n\n${plant.text}` : "";
    const paragraphs = Array.from(
      { length: 4 },
      (_, n) => `Paragraph ${n} of answer ${turn}: ${"words ".repeat(40)}`,
    ).join("\n\n");
    const answer = `${paragraphs}${planted}`;
    const time = at + turn * 60_000;
    return [
      {
        id: `q${turn}`,
        role: "user",
        content: question,
        parts: [{ type: "text", text: question }],
        createdAt: time,
      },
      {
        id: `a${turn}`,
        role: "assistant",
        content: answer,
        parts: [{ type: "text", text: answer }],
        createdAt: time + 1_000,
        status: "done",
        finishReason: "stop",
      },
    ];
  }).flat();
  const response = await page.request.post("/api/conversations/import", {
    data: { conversations: [{ id, title, createdAt: at, updatedAt: at + turns * 60_000, messages }] },
  });
  expect(response.status()).toBe(200);
  return id;
}
