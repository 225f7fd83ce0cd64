import "server-only";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

// PGlite's first start creates its cluster (initdb, in WASM), and the process that did it keeps
// most of that memory for good: about 820 MiB of RSS on Node 20, against about 275 MiB for opening
// an existing cluster. So a new data directory's cluster is created by a short-lived child
// process, whose memory goes back to the system when it exits; the server then opens the cluster
// as it opens any existing one.
//
// The child builds it beside the real place and the cluster is moved in only when whole, so a
// server stopped mid-way leaves nothing that looks like a cluster; and the child ends with its
// server, instead of writing on into a directory that may be on its way out.

const CREATE = `const { PGlite } = await import("@electric-sql/pglite");
const db = await PGlite.create(process.argv[1]);
await db.close();`;

/**
 * Creates the cluster in `clusterDir` unless it exists; in this process if a child cannot. The
 * caller holds the data directory's lock, so what is half-made there is nobody else's.
 */
export async function createPgliteCluster(clusterDir: string): Promise<void> {
  if (existsSync(join(clusterDir, "PG_VERSION"))) return;
  removeHalfMade(clusterDir);
  const fresh = `${clusterDir}${FRESH_SUFFIX}${process.pid}`;
  try {
    await inChild(fresh);
    renameSync(fresh, clusterDir);
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`[store] creating the database apart failed; creating it here: ${reason}`);
  }
}

const FRESH_SUFFIX = ".new-";

/** A cluster without PG_VERSION would not open, and earlier attempts' builds are dead weight. */
function removeHalfMade(clusterDir: string): void {
  rmSync(clusterDir, { recursive: true, force: true });
  const prefix = `${basename(clusterDir)}${FRESH_SUFFIX}`;
  const parent = dirname(clusterDir);
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function inChild(clusterDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The package resolves from the app's directory, as the server's own import of it does.
    const child = spawn(process.execPath, ["--input-type=module", "-e", CREATE, clusterDir], {
      cwd: process.cwd(),
      stdio: ["ignore", "ignore", "pipe"],
    });
    const endWithServer = () => child.kill("SIGKILL");
    process.once("exit", endWithServer);
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      process.off("exit", endWithServer);
      if (code === 0 && existsSync(join(clusterDir, "PG_VERSION"))) resolve();
      else reject(new Error(`exit ${code}: ${stderr.trim().split("\n").slice(-3).join(" ")}`));
    });
  });
}
