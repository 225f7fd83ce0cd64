import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/app-server";
import { freshPgliteDataDir, removePgliteDataDirs } from "@/lib/testing/pglite-data-dir";
import { closeStore, getStore } from "./get-store";
import { storeConfig } from "./open-store";

afterEach(closeStore);
afterAll(removePgliteDataDirs);

describe("storeConfig", () => {
  it("uses DATABASE_URL when set, else PGlite under DATA_DIR (./data by default)", () => {
    expect(storeConfig({ DATABASE_URL: " postgres://db.example/chat " })).toEqual({
      kind: "postgres",
      url: "postgres://db.example/chat",
    });
    expect(storeConfig({})).toEqual({ kind: "pglite", dataDir: resolve("data") });
    expect(storeConfig({ DATA_DIR: "/srv/chat" })).toEqual({ kind: "pglite", dataDir: "/srv/chat" });
  });

  it("keeps nothing on Vercel without a database, whose disk does not last", () => {
    expect(storeConfig({ VERCEL: "1" })).toBeUndefined();
    expect(storeConfig({ VERCEL: "1", DATABASE_URL: "postgres://db.example/chat" })?.kind).toBe("postgres");
  });
});

// Making the first PGlite data directory takes seconds.
describe("getStore", { timeout: 60_000 }, () => {
  it("opens nothing during `next build`", async () => {
    const dir = await freshPgliteDataDir();
    await expect(getStore({ DATA_DIR: dir, NEXT_PHASE: "phase-production-build" })).rejects.toThrow(
      "next build",
    );
    expect(existsSync(join(dir, "pglite.lock"))).toBe(false);
  });

  it("answers undefined where nothing lasts", async () => {
    expect(await getStore({ VERCEL: "1" })).toBeUndefined();
  });

  it("opens the store once, on first use, and closeStore closes it", async () => {
    const dir = await freshPgliteDataDir();
    const first = getStore({ DATA_DIR: dir });
    expect(getStore({ DATA_DIR: dir })).toBe(first);
    const store = await first;
    expect(store?.kind).toBe("pglite");
    expect(existsSync(join(dir, "pglite.lock"))).toBe(true);
    await closeStore();
    expect(existsSync(join(dir, "pglite.lock"))).toBe(false);
  });

  it("does not keep a failed open: the next call tries again", async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/none`;
    const first = getStore({ DATABASE_URL: url });
    await expect(first).rejects.toThrow();
    const second = getStore({ DATABASE_URL: url });
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow();
  });
});
