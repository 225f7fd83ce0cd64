import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeAdminStore } from "@/lib/admin/admin-store.contract";
import { describeFirstAdmin } from "@/lib/auth/first-admin.contract";
import { openStoreInChildren } from "@/lib/testing/open-store-children";
import { freshPgliteDataDir, removePgliteDataDirs } from "@/lib/testing/pglite-data-dir";
import { describeApiKeyRepository } from "./api-key-repository.contract";
import { describeArchiveRepository } from "./archive-repository.contract";
import { describeBudgetRepository } from "./budget-repository.contract";
import { describeConversationRepository } from "./conversation-repository.contract";
import { MIGRATIONS } from "./migrations";
import { openDatabase, openStore } from "./open-store";
import { storeMigrations } from "./schema";
import { describeSearchRepository } from "./search-repository.contract";
import { describeShareRepository } from "./share-repository.contract";
import { describeToolSettingsRepository } from "./tool-settings-repository.contract";

// The embedded database: the contract, its migrations, and the lock that keeps it to one process.
// Every store here has a temporary DATA_DIR of its own.

// Opening PGlite takes seconds (a WASM Postgres starting), more on a busy machine.
const SLOW = 60_000;

afterAll(removePgliteDataDirs);

describeConversationRepository("PGlite", async () =>
  openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }),
);

describeSearchRepository("PGlite", async () =>
  openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }),
);

describeShareRepository("PGlite", async () =>
  openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }),
);

describeArchiveRepository("PGlite", async () =>
  openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }),
);

describeApiKeyRepository("PGlite", async () =>
  openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }),
);

describeBudgetRepository("PGlite", async () =>
  openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }),
);

describeToolSettingsRepository("PGlite", async () =>
  openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }),
);

describeFirstAdmin("PGlite", async () => openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }));

describeAdminStore("PGlite", async () => openStore({ kind: "pglite", dataDir: await freshPgliteDataDir() }));

describe("PGlite: migrations and the data directory", { timeout: SLOW }, () => {
  it("migrates a new directory once, and a reopening finds nothing to do and its data kept", async () => {
    const dir = await freshPgliteDataDir();
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    const applied = await first.db.select().from(storeMigrations);
    expect(applied.map((row) => row.id)).toEqual(MIGRATIONS.map((m) => m.id));
    await first.close();

    const store = await openStore({ kind: "pglite", dataDir: dir });
    await store.conversations.createConversation("me", { id: "kept", title: "Kept" });
    await store.close();

    const again = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(await again.db.select().from(storeMigrations)).toEqual(applied);
    await again.close();
    const reopened = await openStore({ kind: "pglite", dataDir: dir });
    expect((await reopened.conversations.getConversation("me", "kept"))?.title).toBe("Kept");
    await reopened.close();
  });

  it("fails fast, naming the holder, when another process opens a directory in use; frees it on close", async () => {
    const dir = await freshPgliteDataDir();
    const store = await openStore({ kind: "pglite", dataDir: dir });
    const lockFile = join(dir, "pglite.lock");
    const held = JSON.parse(readFileSync(lockFile, "utf8"));
    expect(held).toMatchObject({ pid: process.pid, hostname: hostname() });

    const [refused] = await openStoreInChildren(dir);
    expect(refused?.code).toBe(2);
    expect(refused?.output).toContain(`in use by process ${process.pid} since ${held.since}`);
    expect(refused?.output).toContain("DATABASE_URL");
    // The child gave up at the lock: it never started the database.
    expect(refused?.ms).toBeLessThan(5_000);
    // So does a second open in this same process.
    await expect(openStore({ kind: "pglite", dataDir: dir })).rejects.toMatchObject({ code: "locked" });
    expect((await store.conversations.listConversations("me")).conversations).toEqual([]);

    await store.close();
    expect(existsSync(lockFile)).toBe(false);
    const [opened] = await openStoreInChildren(dir);
    expect(opened?.output.trim()).toBe("opened");
    expect(opened?.code).toBe(0);
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = await freshPgliteDataDir();
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", ""]);
      child.once("exit", () => resolve(child.pid ?? 0));
    });
    const stale = { pid: dead, hostname: hostname(), since: "2026-01-01T00:00:00.000Z" };
    writeFileSync(join(dir, "pglite.lock"), JSON.stringify(stale));
    const store = await openStore({ kind: "pglite", dataDir: dir });
    expect(JSON.parse(readFileSync(join(dir, "pglite.lock"), "utf8")).pid).toBe(process.pid);
    await store.close();
  });
});
