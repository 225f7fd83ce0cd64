import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { agents, nodeFetch, responseBody } from "./node-fetch";

// The provider client's fetch against a real node:http server on loopback: what the openai SDK
// needs from a fetch (status, headers, error bodies, aborts, connection errors) and what the
// answer's reader needs (bytes as they come, a closed connection when it stops early, a reused
// one when it has read to the end or to [DONE]).

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface TestServer {
  url: string;
  /** Every TCP connection the server accepted, in order. */
  sockets: Socket[];
}

const servers: Server[] = [];

async function serve(handler: Handler): Promise<TestServer> {
  const sockets: Socket[] = [];
  const server = createServer(handler);
  server.on("connection", (socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function text(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let all = "";
  for await (const chunk of chunks) all += decoder.decode(chunk, { stream: true });
  return all;
}

const closed = (socket: Socket) =>
  new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once("close", () => resolve())));

describe("nodeFetch", () => {
  it("sends the method, headers and body, and returns status, headers and body", async () => {
    const server = await serve((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json", "x-request-id": "r1" });
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
      });
    });
    const response = await nodeFetch(`${server.url}/chat/completions`, {
      method: "POST",
      headers: new Headers({ authorization: "Bearer sk-test", "content-type": "application/json" }),
      body: JSON.stringify({ q: "ü" }),
    });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-request-id")).toBe("r1");
    expect(await response.json()).toEqual({ method: "POST", auth: "Bearer sk-test", body: '{"q":"ü"}' });
  });

  it("gives an error status with its body, as the SDK reads it for the message", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end('{"error":{"message":"bad model"}}');
    });
    const response = await nodeFetch(server.url, { method: "POST", body: "{}" });
    expect(response.status).toBe(400);
    expect(response.ok).toBe(false);
    expect(await response.text()).toBe('{"error":{"message":"bad model"}}');
  });

  it("rejects with the abort reason when aborted before the response, and closes the request", async () => {
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = await serve(() => arrived());
    const controller = new AbortController();
    const pending = nodeFetch(server.url, { signal: controller.signal });
    await requestArrived;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await closed(server.sockets[0] as Socket);
  });

  it("rejects at once for a signal that is already aborted", async () => {
    const server = await serve((_req, res) => res.end("never"));
    await expect(nodeFetch(server.url, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(server.sockets).toHaveLength(0);
  });

  it("fails as fetch does when nothing listens: a TypeError with the cause", async () => {
    const server = await serve(() => {});
    const url = server.url;
    await new Promise((resolve) => (servers.pop() as Server).close(resolve));
    const failure = await nodeFetch(url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("fetch failed");
    expect(((failure as TypeError).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("refuses a scheme it cannot speak", async () => {
    await expect(nodeFetch("ftp://example.invalid/")).rejects.toThrow(/unsupported protocol ftp:/);
  });
});

describe("responseBody", () => {
  it("yields the bytes as they are written, before the body ends", async () => {
    let finish: () => void = () => {};
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      finish = () => res.end("data: two\n\n");
    });
    const response = await nodeFetch(server.url);
    const body = responseBody(response);
    const first = await body.next();
    expect(new TextDecoder().decode(first.value as Uint8Array)).toBe("data: one\n\n");
    finish();
    expect(await text(body)).toBe("data: two\n\n");
  });

  it("reuses the connection for the next request once the body is read to its end", async () => {
    const server = await serve((_req, res) => res.end("whole"));
    expect(await text(responseBody(await nodeFetch(server.url)))).toBe("whole");
    expect(await text(responseBody(await nodeFetch(server.url)))).toBe("whole");
    expect(server.sockets).toHaveLength(1);
  });

  it("leaves a pooled connection alone when the request's signal aborts after the body ended", async () => {
    const server = await serve((_req, res) => res.end("whole"));
    const controller = new AbortController();
    expect(await text(responseBody(await nodeFetch(server.url, { signal: controller.signal })))).toBe(
      "whole",
    );
    controller.abort();
    expect(await text(responseBody(await nodeFetch(server.url)))).toBe("whole");
    expect(server.sockets).toHaveLength(1);
  });

  it("closes the connection when the reader stops early without having all it wanted", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write("data: one\n\n");
    });
    const body = responseBody(await nodeFetch(server.url));
    await body.next();
    await body.return();
    await closed(server.sockets[0] as Socket);
  });

  it("reads the rest in the background when the reader has all it wanted, and keeps the connection", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write("data: [DONE]\n\n");
      setTimeout(() => res.end(), 20);
    });
    // The run ending aborts the request's signal: that must not cut the drain short.
    const controller = new AbortController();
    const body = responseBody(await nodeFetch(server.url, { signal: controller.signal }), () => true);
    await body.next();
    await body.return();
    controller.abort();
    // The server ends the body 20 ms later, and the connection goes back to the pool.
    const port = Number(new URL(server.url).port);
    const pooled = () => Object.values(agents["http:"].freeSockets).flat();
    await vi.waitFor(() => expect(pooled().some((socket) => socket?.remotePort === port)).toBe(true));
    await text(responseBody(await nodeFetch(server.url)));
    expect(server.sockets).toHaveLength(1);
  });

  it("closes a connection whose body does not end within a second of being complete", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write("data: [DONE]\n\n");
    });
    const body = responseBody(await nodeFetch(server.url), () => true);
    await body.next();
    const started = performance.now();
    await body.return();
    await closed(server.sockets[0] as Socket);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("throws TypeError('terminated') when the connection is lost mid-body", async () => {
    const server = await serve((req, res) => {
      res.writeHead(200);
      res.write("data: one\n\n");
      setTimeout(() => req.socket.destroy(), 10);
    });
    const failure = await text(responseBody(await nodeFetch(server.url))).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("terminated");
  });

  it("ends the body when the request's signal aborts mid-body", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write("data: one\n\n");
    });
    const controller = new AbortController();
    const body = responseBody(await nodeFetch(server.url, { signal: controller.signal }));
    await body.next();
    controller.abort();
    await expect(body.next()).rejects.toBeInstanceOf(TypeError);
    await closed(server.sockets[0] as Socket);
  });

  it("reads any other response through its web body", async () => {
    expect(await text(responseBody(new Response("plain")))).toBe("plain");
  });

  it("lets the web body be read instead, and then refuses the Node one", async () => {
    const server = await serve((_req, res) => res.end("web"));
    const response = await nodeFetch(server.url);
    expect(await response.text()).toBe("web");
    await expect(text(responseBody(response))).rejects.toThrow();
  });
});
