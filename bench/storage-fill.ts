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

export interface FillResult {
  conversations: number;
  seconds: number;
}

/** Fills `config` in a child process and waits for it to close the store. */
export function fillInChild(config: StoreConfig, owner: string, count: number): FillResult {
  const out = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=react-server",
      import.meta.filename,
      JSON.stringify({ config, owner, count }),
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 600_000 },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

async function fill(config: StoreConfig, owner: string, count: number): Promise<FillResult> {
  const { openStore } = await import("../lib/store/open-store");
  const store = await openStore(config);
  const started = performance.now();
  try {
    // In batches the size the import route takes, so no one statement grows with the count.
    let imported = 0;
    const all = sidebarConversations(count);
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
  const { config, owner, count } = JSON.parse(process.argv[2] ?? "{}");
  console.log(JSON.stringify(await fill(config, owner, count)));
}
