import { connect, type Socket } from "node:net";

// A client that asks for a response and then stops reading it: what a stalled phone, or someone
// holding connections open on purpose, looks like to the server. Raw TCP, because fetch reads
// ahead into its own buffers; a paused net.Socket leaves the bytes in the kernel and so pushes
// back on the server as soon as the socket buffers are full.

export interface PausedReader {
  /** The status line of the response, e.g. "HTTP/1.1 200 OK". */
  status: string;
  close(): void;
}

/** Sends `GET path` to `url` with `headers`, waits for the status line, then reads nothing more. */
export function pausedReader(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<PausedReader> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    const lines = Object.entries({ host: `${hostname}:${port}`, ...headers }).map(
      ([name, value]) => `${name}: ${value}\r\n`,
    );
    socket.once("error", reject);
    socket.once("connect", () => socket.write(`GET ${path} HTTP/1.1\r\n${lines.join("")}\r\n`));
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      socket.removeListener("error", reject);
      // A reset after the test is done with it is not a failure.
      socket.on("error", () => {});
      const text = chunk.toString("latin1");
      resolve({ status: text.slice(0, text.indexOf("\r\n")), close: () => socket.destroy() });
    });
  });
}
