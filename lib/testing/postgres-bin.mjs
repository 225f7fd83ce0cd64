import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

// Where PostgreSQL's initdb and postgres are, for the store tests (postgres-server.ts) and for
// `npm run test:setup`, which installs Debian's package when this finds none.
const debian = "/usr/lib/postgresql";

/** @returns {string | undefined} a directory ("" for PATH), or undefined when there is none */
export function postgresBinDir() {
  const named = process.env.POSTGRES_BIN_DIR;
  if (named) return named;
  if (!spawnSync("initdb", ["--version"]).error) return "";
  if (!existsSync(debian)) return undefined;
  const newest = readdirSync(debian)
    .filter((version) => existsSync(join(debian, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(debian, newest, "bin");
}
