import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Creating a PGlite cluster (initdb, in WASM) costs seconds of CPU, and the integration suites
// start about thirty apps, each with a data directory of its own: on two cores those initdbs
// starved the apps under test (an answer's stop measured late). So the suite's global setup
// creates one empty cluster, and startApp copies it into each new data directory, where the app
// opens it as any existing cluster. Creating a cluster is tested on its own
// (create-pglite-cluster.test.ts); the server's own first start still creates one.

const TEMPLATE_ENV = "TEST_PGLITE_TEMPLATE";

/** Creates the template and tells the processes started after it where it is; returns the cleanup. */
export async function makePgliteTemplate(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "pglite-template-"));
  const cluster = join(dir, "pglite");
  // Loaded here only: startApp (which Playwright loads too, without the tests' `server-only` stub)
  // needs just the copy below.
  const { createPgliteCluster } = await import("../store/create-pglite-cluster");
  await createPgliteCluster(cluster);
  process.env[TEMPLATE_ENV] = cluster;
  return () => {
    delete process.env[TEMPLATE_ENV];
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Copies the template, when there is one, into a new data directory (before its app starts). */
export function seedPgliteCluster(dataDir: string): void {
  const template = process.env[TEMPLATE_ENV];
  if (!template || !existsSync(join(template, "PG_VERSION"))) return;
  cpSync(template, join(dataDir, "pglite"), { recursive: true });
}
