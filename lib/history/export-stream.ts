import type { ConversationTree } from "@/lib/store/conversation-repository";
import { attachment } from "./attachment";
import { EXPORT_FORMAT, EXPORT_VERSION, toArchived } from "./export-file";

// The export file written as it is read: one conversation a line, each as the store hands it
// over, so a history of any size passes through a page of conversations at a time.

/**
 * The file's text in pieces. The first piece holds the first conversation too, so that a database
 * that fails fails before the response starts (export route), not halfway through a download.
 */
export async function* exportChunks(
  trees: AsyncIterable<ConversationTree> | Iterable<ConversationTree>,
  exportedAt: number,
): AsyncGenerator<string, void> {
  const header = `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${exportedAt},"conversations":[`;
  let started = false;
  for await (const tree of trees) {
    yield `${started ? "," : header}\n${JSON.stringify(toArchived(tree))}`;
    started = true;
  }
  yield `${started ? "" : header}\n]}\n`;
}

/**
 * The rest of the pieces as a response body, after the first that the caller has read already.
 * Read on demand: a slow download holds one page of the history, not all of it.
 */
export function byteStream(first: string, rest: AsyncIterator<string, void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(first));
      },
      async pull(controller) {
        const next = await rest.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await rest.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

/** The export file as a download named `name`.json, its first conversation read before it answers. */
export async function exportDownload(
  trees: AsyncIterable<ConversationTree> | Iterable<ConversationTree>,
  name: string,
  exportedAt = Date.now(),
): Promise<Response> {
  const chunks = exportChunks(trees, exportedAt);
  const first = await chunks.next();
  return new Response(byteStream(first.done ? "" : first.value, chunks), {
    headers: attachment(name, "json", "application/json; charset=utf-8"),
  });
}
