import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

// A new DATA_DIR for each PGlite store a test opens. Creating a cluster (PGlite's initdb) costs
// seconds; copying one takes a fraction of that, so each test process creates one empty cluster
// and every data directory starts as a copy of it, laid out as lib/store/open-store.ts expects.
// Migrations still run on each copy: the template is a bare cluster.

let template: Promise<string> | undefined;
const made: string[] = [];

async function createTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "store-pglite-template-"));
  made.push(dir);
  const cluster = await PGlite.create(join(dir, "pglite"));
  await cluster.close();
  return dir;
}

export async function freshPgliteDataDir(): Promise<string> {
  template ??= createTemplate();
  const source = await template;
  const dir = mkdtempSync(join(tmpdir(), "store-pglite-"));
  made.push(dir);
  cpSync(join(source, "pglite"), join(dir, "pglite"), { recursive: true });
  return dir;
}

/** Removes every directory made here (call after the data directories' stores are closed). */
export function removePgliteDataDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  template = undefined;
}
