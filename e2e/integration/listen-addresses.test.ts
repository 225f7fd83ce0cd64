import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startApp } from "../../lib/testing/app-server";
import { TEST_ENV } from "./global-setup";

// Where `npm start` listens when nothing says otherwise and there is no access code: this machine
// only. Read from the kernel's own table of listening sockets, and tried from the outside.

const upstream = inject("upstreamUrl");
let app: AppServer;

beforeAll(async () => {
  // HOSTNAME empty: the default, which startApp otherwise sets to 127.0.0.1 for every test app.
  app = await startApp({ ...TEST_ENV, DEEPSEEK_BASE_URL: upstream, HOSTNAME: "" });
});
afterAll(async () => {
  await app?.close();
});

/** `0100007F:0BB8` (/proc/net/tcp) → 127.0.0.1; the IPv6 form is four little-endian words. */
function address(hex: string): string {
  const bytes = (Buffer.from(hex, "hex").toJSON().data as number[]).map(Number);
  if (bytes.length === 4) return [...bytes].reverse().join(".");
  const words = [0, 4, 8, 12].flatMap((i) => [...bytes.slice(i, i + 4)].reverse());
  const groups = Array.from({ length: 8 }, (_, i) =>
    (((words[2 * i] ?? 0) << 8) | (words[2 * i + 1] ?? 0)).toString(16),
  );
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

function listening(port: number): string[] {
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [host, portHex] = (local ?? "").split(":");
      if (state === "0A" && host && Number.parseInt(portHex ?? "", 16) === port) found.push(address(host));
    }
  }
  return found.sort();
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

describe("npm start without an access code", () => {
  it("listens on 127.0.0.1 and ::1 only, and answers there", async () => {
    const port = Number(new URL(app.url).port);
    expect(listening(port)).toEqual(["127.0.0.1", "::1"]);
    expect((await fetch(`http://127.0.0.1:${port}/api/tools`)).status).toBe(200);
    expect((await fetch(`http://[::1]:${port}/api/tools`)).status).toBe(200);
    // This machine's other addresses (if it has any) are refused.
    const outward = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry && !entry.internal && entry.family === "IPv4")
      .map((entry) => entry?.address as string);
    for (const host of outward) expect(await refused(host, port), host).toBe(true);
  });
});
