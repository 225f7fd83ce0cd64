import "server-only";
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";

// PGlite's first start creates its cluster (initdb, in WASM), and the process that did it keeps
// most of that memory for good: about 820 MiB of RSS on Node 20, against about 275 MiB for opening
// an existing cluster. So a new data directory's cluster is created by a short-lived child
// process, whose memory goes back to the system when it exits; the server then opens the cluster
// as it opens any existing one.

const CREATE = `const { PGlite } = await import("@electric-sql/pglite");
const db = await PGlite.create(process.argv[1]);
await db.close();`;

/** Creates the cluster in `clusterDir` unless it exists; in this process if a child cannot. */
export async function createPgliteCluster(clusterDir: string): Promise<void> {
  if (existsSync(join(clusterDir, "PG_VERSION"))) return;
  try {
    await inChild(clusterDir);
  } catch (error) {
    // Left half-made, it would not open: PGlite.create starts it afresh in this process.
    if (!existsSync(join(clusterDir, "PG_VERSION"))) rmSync(clusterDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`[store] creating the database apart failed; creating it here: ${reason}`);
  }
}

function inChild(clusterDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The package resolves from the app's directory, as the server's own import of it does.
    const child = spawn(process.execPath, ["--input-type=module", "-e", CREATE, clusterDir], {
      cwd: process.cwd(),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0 && existsSync(join(clusterDir, "PG_VERSION"))) resolve();
      else reject(new Error(`exit ${code}: ${stderr.trim().split("\n").slice(-3).join(" ")}`));
    });
  });
}
