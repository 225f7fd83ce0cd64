import { describe, expect, it } from "vitest";
import { readMcpMessage } from "./read-mcp-message";

const post = (body: string, type = "application/json") =>
  new Request("http://app.test/api/mcp", { method: "POST", headers: { "content-type": type }, body });

async function refusal(request: Request, limit = 1_000) {
  const result = await readMcpMessage(request, limit);
  if (result.ok) throw new Error("expected a refusal");
  return {
    status: result.response.status,
    connection: result.response.headers.get("connection"),
    body: (await result.response.json()) as {
      jsonrpc: string;
      id: null;
      error: { code: number; message: string };
    },
  };
}

describe("readMcpMessage", () => {
  it("passes one message on, as parsed JSON", async () => {
    const message = { jsonrpc: "2.0", id: 1, method: "tools/list" };
    expect(await readMcpMessage(post(JSON.stringify(message)), 1_000)).toEqual({ ok: true, message });
  });

  it("refuses a batch, however small, with -32600 and says to send one message per request", async () => {
    for (const batch of ["[]", JSON.stringify([{ jsonrpc: "2.0", id: 1, method: "tools/list" }])]) {
      const { status, body } = await refusal(post(batch));
      expect(status).toBe(400);
      expect(body).toEqual({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32600, message: expect.stringContaining("one JSON-RPC message per request") },
      });
    }
  });

  it("answers what is not JSON with a parse error, and what is too large or not JSON-typed as the SDK would", async () => {
    const broken = await refusal(post("{not json"));
    expect(broken).toMatchObject({ status: 400, body: { id: null, error: { code: -32700 } } });
    const large = await refusal(post(JSON.stringify({ pad: "x".repeat(2_000) })));
    expect(large).toMatchObject({ status: 413, connection: "close", body: { error: { code: -32000 } } });
    expect(large.body.error.message).toContain("1000 bytes");
    const typed = await refusal(post("{}", "text/plain"));
    expect(typed).toMatchObject({ status: 415, body: { error: { code: -32000 } } });
  });
});
