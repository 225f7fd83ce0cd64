import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPgliteCluster } from "./create-pglite-cluster";
import { openStore } from "./open-store";

// A new data directory's cluster is made in a child process, and the store opens it as usual.

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("createPgliteCluster", { timeout: 120_000 }, () => {
  it("creates a new cluster in a child process, leaves an existing one alone, and the store opens it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pglite-cluster-"));
    dirs.push(dataDir);
    const cluster = join(dataDir, "pglite");
    const rssBefore = process.memoryUsage().rss;
    await createPgliteCluster(cluster);
    expect(existsSync(join(cluster, "PG_VERSION"))).toBe(true);
    // The initdb's hundreds of MiB were the child's, not this process's.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    await createPgliteCluster(cluster);
    const store = await openStore({ kind: "pglite", dataDir });
    await store.conversations.createConversation("me", { id: "c", title: "made apart" });
    expect((await store.conversations.getConversation("me", "c"))?.title).toBe("made apart");
    await store.close();
  });
});
