import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/protocol/request";
import { capHistory } from "./cap-history";

/** `turns` question/answer pairs, then the question being answered. */
function conversation(turns: number, answers: (i: number) => boolean = () => true): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (let i = 0; i < turns; i++) {
    messages.push({ role: "user", content: `Q${i}` });
    if (answers(i)) messages.push({ role: "assistant", content: `A${i}` });
  }
  messages.push({ role: "user", content: `Q${turns}` });
  return messages;
}

describe("capHistory", () => {
  it("sends a conversation within the cap whole", () => {
    const messages = conversation(4);
    expect(capHistory(messages, 9)).toBe(messages);
  });

  it("keeps the most recent messages, at most the cap, starting at a user message and ending at the question", () => {
    for (const turns of [10, 11, 25, 60]) {
      const messages = conversation(turns);
      const sent = capHistory(messages, 20);
      expect(sent.length).toBeLessThanOrEqual(20);
      expect(sent.length).toBeGreaterThanOrEqual(20 - 5 - 1);
      expect(sent[0]?.role).toBe("user");
      expect(sent.at(-1)).toEqual({ role: "user", content: `Q${turns}` });
      expect(sent).toEqual(messages.slice(messages.length - sent.length));
    }
  });

  it("starts at the next user message when the cut falls on an answer, or on a run of user messages", () => {
    // Answers 3 to 5 failed before any text: they are not sent, so questions follow each other.
    const messages = conversation(12, (i) => i < 3 || i > 5);
    const sent = capHistory(messages, 12);
    expect(sent[0]?.role).toBe("user");
    expect(sent.length).toBeLessThanOrEqual(12);
    expect(sent.at(-1)?.content).toBe("Q12");
  });

  it("keeps its first message while the conversation grows, for the provider's prefix cache", () => {
    const firsts: (string | undefined)[] = [];
    for (let turns = 10; turns < 40; turns++) firsts.push(capHistory(conversation(turns), 20)[0]?.content);
    // A window sliding by a turn would start somewhere new each time: 30 different starts.
    expect(new Set(firsts).size).toBeLessThanOrEqual(30 / 2);
    // Each start holds for several turns in a row.
    const runs = firsts.filter((first, i) => first !== firsts[i - 1]).length;
    expect(runs).toBe(new Set(firsts).size);
  });

  it("with a cap of one sends the question alone", () => {
    expect(capHistory(conversation(3), 1)).toEqual([{ role: "user", content: "Q3" }]);
  });
});
