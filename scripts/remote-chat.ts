// `npm run chat -- --server URL …`: the same command against a running server instead of the
// agent loop in this process, with `DEEPSEEK_CHAT_KEY` as `Authorization: Bearer` (a personal API
// key in accounts mode, the access code in the access-code mode; PROTOCOL.md sections 9 and 15).

import type { Effort } from "@/lib/protocol/effort";

export interface RemoteChatOptions {
  server: string;
  key: string | undefined;
  thinking: boolean;
  effort: Effort | undefined;
  stream: boolean;
  model: string | undefined;
  signal: AbortSignal;
}

/** Writes the answer (SSE text, or the answer alone with stream off) to `out`; the exit code. */
export async function remoteChat(
  prompt: string,
  options: RemoteChatOptions,
  out: (text: string) => void,
): Promise<number> {
  const body = {
    prompt,
    thinking: options.thinking,
    ...(options.effort ? { effort: options.effort } : {}),
    stream: options.stream,
    ...(options.model ? { model: options.model } : {}),
  };
  const response = await fetch(new URL("/api/chat", options.server), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
    },
    body: JSON.stringify(body),
    signal: options.signal,
  });
  if (!response.ok) {
    const text = await response.text();
    const message = text.startsWith("{")
      ? (JSON.parse(text) as { error?: { message?: string } }).error?.message
      : text;
    throw new Error(`${response.status}: ${message ?? text}`);
  }
  if (!options.stream) {
    out(`${((await response.json()) as { content?: string }).content ?? ""}\n`);
    return 0;
  }
  let failed = false;
  const decoder = new TextDecoder();
  for await (const chunk of response.body ?? []) {
    const text = decoder.decode(chunk, { stream: true });
    out(text);
    if (text.includes("\nevent: error\n")) failed = true;
  }
  return failed ? 1 : 0;
}
