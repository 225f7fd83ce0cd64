/**
 * A body's chunks. Safari's ReadableStream is not async-iterable; a reader works everywhere.
 * Breaking out of the loop cancels the body, which closes the connection.
 */
export async function* streamChunks(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array, void> {
  if (!("getReader" in body)) return yield* body;
  const reader = body.getReader();
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
