import { resolve } from "node:path";

// Where the store keeps data, read from the environment alone: the page asks it to say where
// history lives (data-history on <html>) without opening a database.

type Env = Record<string, string | undefined>;

export type StoreConfig = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

/** Where to keep data, or undefined when there is nowhere that lasts. */
export function storeConfig(env: Env = process.env): StoreConfig | undefined {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  // A Vercel function's disk does not outlive it: without a database, history stays in the browser.
  if (env.VERCEL) return undefined;
  // A path known only at run time: the build's file tracing must not follow it (it would ship
  // the whole project with the server).
  return { kind: "pglite", dataDir: resolve(/*turbopackIgnore: true*/ env.DATA_DIR?.trim() || "data") };
}
