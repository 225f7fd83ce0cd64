// A request's body read while counting: over `limitBytes` it stops reading and says so, so a body
// over the limit is refused before it is buffered whole (the JSON routes, POST /api/files).

export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array | "too_large"> {
  if (Number(request.headers.get("content-length") ?? 0) > limitBytes) return "too_large";
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel().catch(() => {});
        return "too_large";
      }
      chunks.push(value);
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}
