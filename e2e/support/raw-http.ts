import { type IncomingHttpHeaders, request } from "node:http";

// HTTP requests that fetch() cannot make: from a chosen local address (127.0.0.2, 127.0.0.3, … are
// all this machine on Linux, so each is a real, distinct client socket) and with a Host header of
// the test's choosing (fetch always writes the URL's host).

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The source address of the socket, e.g. "127.0.0.2". */
  localAddress?: string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function rawRequest(base: string, options: RawRequest): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? "GET",
        path: options.path,
        headers: {
          ...(options.body !== undefined
            ? { "content-length": String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.setTimeout(20_000, () =>
      outgoing.destroy(new Error(`no answer to ${options.path} within 20 s`)),
    );
    outgoing.end(options.body);
  });
}
