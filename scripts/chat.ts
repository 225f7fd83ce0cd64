import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { chat } from "@/lib/agent/chat";
import { efforts, isEffort } from "@/lib/protocol/effort";
import { remoteChat } from "./remote-chat";

// `npm run chat -- [--no-thinking] [--effort LEVEL] [--no-stream] [--model NAME] "prompt"`: the agent loop from a
// shell, printing the SSE text as it arrives, like the origin document's `python -m …deepseek`.

const usage = `usage: npm run chat -- [--no-thinking] [--effort LEVEL] [--no-stream] [--model NAME] [--server URL] "prompt"

  --no-thinking   reasoning off (no reasoning events)
  --effort LEVEL  how hard to think: low, high or max (default: the provider's, high)
  --no-stream     print only the final answer
  --model NAME    one of DEEPSEEK_MODELS (default DEEPSEEK_MODEL)
  --server URL    ask a running server (or set DEEPSEEK_CHAT_URL) instead of the model directly;
                  DEEPSEEK_CHAT_KEY is sent as Authorization: Bearer: a personal API key
                  (dsk_…, account menu → API keys) on a server with accounts, or its access code

Reads DEEPSEEK_API_KEY, DEEPSEEK_BASE_URL, … from the environment, .env.local and .env.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "no-thinking": { type: "boolean", default: false },
      effort: { type: "string" },
      "no-stream": { type: "boolean", default: false },
      model: { type: "string" },
      server: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const prompt = positionals.join(" ").trim();
  if (values.help || !prompt) {
    (values.help ? process.stdout : process.stderr).write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const effort = values.effort;
  if (effort !== undefined && !isEffort(effort)) {
    process.stderr.write(`--effort: use ${efforts.join(", ")}\n`);
    return 2;
  }
  if (effort !== undefined && values["no-thinking"]) {
    process.stderr.write("--effort: not with --no-thinking (an effort is how hard to think)\n");
    return 2;
  }
  for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);

  const abort = new AbortController();
  process.once("SIGINT", () => abort.abort());
  const options = { thinking: !values["no-thinking"], effort, model: values.model, signal: abort.signal };
  const server = values.server ?? process.env.DEEPSEEK_CHAT_URL?.trim();
  if (server) {
    const key = process.env.DEEPSEEK_CHAT_KEY?.trim() || undefined;
    const write = (text: string) => process.stdout.write(text);
    return remoteChat(prompt, { ...options, server, key, stream: !values["no-stream"] }, write);
  }

  if (values["no-stream"]) {
    process.stdout.write(`${await chat(prompt, { ...options, stream: false })}\n`);
    return 0;
  }
  let failed = false;
  for await (const chunk of chat(prompt, { ...options, stream: true, sse: true })) {
    process.stdout.write(chunk);
    if (chunk.startsWith("id:") && chunk.includes("\nevent: error\n")) failed = true;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
