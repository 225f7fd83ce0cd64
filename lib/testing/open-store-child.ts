import { openStore } from "@/lib/store/open-store";

// Another process opening the store, as a second server would (open-store-children.ts). It loads
// everything first and says "ready", then waits for a line on stdin, so that several processes
// open at the same moment. Then prints "opened" and closes when it could, or prints why not and
// exits with 2. The argument is a PGlite DATA_DIR or a postgres:// URL.

const where = process.argv[2];
if (!where) throw new Error("usage: open-store-child.ts <DATA_DIR | postgres://…>");
const postgres = where.startsWith("postgres://");
await (postgres ? import("drizzle-orm/node-postgres") : import("drizzle-orm/pglite"));
console.log("ready");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.destroy();
try {
  const store = await openStore(
    postgres ? { kind: "postgres", url: where } : { kind: "pglite", dataDir: where },
  );
  console.log("opened");
  await store.close();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
