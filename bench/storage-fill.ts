import { execFileSync } from "node:child_process";
import type { ImportedConversation } from "../lib/store/conversation-repository";
import type { StoreConfig } from "../lib/store/store-config";

// The sidebar's data at scale: `count` conversations for one owner (a question and an answer
// each), written through the repository's import in a process of its own. PGlite serves one
// process, so the filler must have closed it before the app opens the directory; and the app's
// memory is then a server's after a restart, not the filler's (PGlite's first start creates the
// cluster, which leaves hundreds of MiB behind).

export function sidebarConversations(count: number, start = Date.UTC(2026, 0, 1)): ImportedConversation[] {
  return Array.from({ length: count }, (_, i) => {
    const at = start + i * 60_000;
    const question = `Question ${i}`;
    const answer = `Answer ${i}: ${"lorem ipsum dolor sit amet ".repeat(20)}`;
    return {
      id: `conv-${String(i).padStart(5, "0")}`,
      title: `Conversation ${i}`,
      createdAt: at,
      updatedAt: at + 30_000,
      messages: [
        {
          id: "q",
          role: "user",
          content: question,
          parts: [{ type: "text", text: question }],
          createdAt: at,
        },
        {
          id: "a",
          role: "assistant",
          content: answer,
          parts: [{ type: "text", text: answer }],
          createdAt: at + 1_000,
          status: "done",
          model: "deepseek-flash",
          reasoning: "disabled",
          finishReason: "stop",
        },
      ],
    };
  });
}

/** The mark of the long conversation's last answer: the page has painted it when this is in view. */
export const LAST_ANSWER_MARK = "End of the long conversation";
export const LONG_CONVERSATION_ID = "conv-long";

/** About 7 kB of markdown: headings, paragraphs, a list, a table and a code block. */
function longAnswer(turn: number): string {
  const section = (n: number) =>
    [
      `## Part ${n} of answer ${turn}`,
      `The **first** point, with \`inline code\` and a [link](https://example.com/${turn}/${n}): ${"lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(6)}`,
      ["- one item that says a little", "- another item, a little longer than the first", "- a third"].join(
        "\n",
      ),
      "| column | value |\n| ------ | ----- |\n| alpha | 1 |\n| beta | 2 |",
      `\`\`\`ts\nexport function part${n}(x: number): number {\n  return x * ${n} + ${turn};\n}\n\`\`\``,
      `${"Sed ut perspiciatis unde omnis iste natus error sit voluptatem. ".repeat(5)}`,
    ].join("\n\n");
  return [1, 2, 3, 4, 5, 6, 7].map(section).join("\n\n");
}

/** A conversation of `turns` questions and markdown answers (300 turns: about 2 MB), the newest of all. */
export function longConversation(turns: number, at = Date.UTC(2027, 0, 1)): ImportedConversation {
  const messages: ImportedConversation["messages"] = [];
  for (let turn = 0; turn < turns; turn++) {
    const question = `Question ${turn}: tell me more about part ${turn}.`;
    const last = turn === turns - 1;
    const answer = `${longAnswer(turn)}${last ? `\n\n${LAST_ANSWER_MARK}.` : ""}`;
    const time = at + turn * 60_000;
    messages.push(
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
        model: "deepseek-flash",
        reasoning: "disabled",
        finishReason: "stop",
      },
    );
  }
  return {
    id: LONG_CONVERSATION_ID,
    title: "Long conversation",
    createdAt: at,
    updatedAt: at + turns * 60_000,
    messages,
  };
}

/** The markdown the long conversation holds, questions and answers. */
export function longConversationKiB(turns: number): number {
  const bytes = longConversation(turns).messages.reduce((sum, m) => sum + Buffer.byteLength(m.content), 0);
  return Math.round(bytes / 1024);
}

export interface FillResult {
  conversations: number;
  seconds: number;
}

/** Fills `config` in a child process and waits for it to close the store. */
export function fillInChild(config: StoreConfig, owner: string, count: number, longTurns = 0): FillResult {
  const out = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=react-server",
      import.meta.filename,
      JSON.stringify({ config, owner, count, longTurns }),
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 600_000 },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

async function fill(
  config: StoreConfig,
  owner: string,
  count: number,
  longTurns: number,
): Promise<FillResult> {
  const { openStore } = await import("../lib/store/open-store");
  const store = await openStore(config);
  const started = performance.now();
  try {
    // In batches the size the import route takes, so no one statement grows with the count.
    let imported = 0;
    const all = [...sidebarConversations(count), ...(longTurns > 0 ? [longConversation(longTurns)] : [])];
    for (let i = 0; i < all.length; i += 200) {
      const batch = await store.conversations.importConversations(owner, all.slice(i, i + 200));
      imported += batch.imported.length;
    }
    return { conversations: imported, seconds: Math.round(performance.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}

if (process.argv[1] === import.meta.filename) {
  const { config, owner, count, longTurns } = JSON.parse(process.argv[2] ?? "{}");
  console.log(JSON.stringify(await fill(config, owner, count, longTurns)));
}
