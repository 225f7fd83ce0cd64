import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for a search service, on 127.0.0.1 and a free port. Each fake (searxng-fake.ts,
// …) answers in its service's documented format; `fault` makes it fail the ways the real one does.

export type Fault = "unauthorized" | "rate_limited" | "bad_json" | "bad_shape" | "slow" | undefined;

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
}

export type FakeAnswer = { status: number; body: string; type?: string };

export type FakeHandler = (request: FakeRequest) => FakeAnswer;

export interface FakeService {
  url: string;
  requests: FakeRequest[];
  /** The next requests fail this way, until set back to undefined. */
  fault: Fault;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/** What `fault` answers, or undefined to answer normally; "slow" never answers. */
function faultAnswer(fault: Fault): FakeAnswer | "hang" | undefined {
  switch (fault) {
    case "unauthorized":
      return { status: 401, body: JSON.stringify({ error: "invalid api key" }) };
    case "rate_limited":
      return { status: 429, body: JSON.stringify({ error: "too many requests" }) };
    case "bad_json":
      return { status: 200, body: "<html>maintenance</html>", type: "text/html" };
    case "bad_shape":
      return { status: 200, body: JSON.stringify({ unexpected: true }) };
    case "slow":
      return "hang";
    default:
      return undefined;
  }
}

export function respond(res: ServerResponse, answer: FakeAnswer): void {
  res.writeHead(answer.status, { "content-type": answer.type ?? "application/json; charset=utf-8" });
  res.end(answer.body);
}

/** Serves `handler` (and the current fault) on 127.0.0.1. */
export async function startFakeService(handler: FakeHandler): Promise<FakeService> {
  const fake: FakeService = { url: "", requests: [], fault: undefined, close: async () => {} };
  const server = createServer(async (req, res) => {
    const request: FakeRequest = {
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", "http://fake"),
      headers: req.headers,
      body: await readBody(req),
    };
    fake.requests.push(request);
    const failure = faultAnswer(fake.fault);
    if (failure === "hang") return;
    respond(res, failure ?? handler(request));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}
