// `npm start`: the production server that `npm run build` bundled (server.ts → .next/start.mjs),
// or a plain message when there is no build yet.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = fileURLToPath(new URL("../.next/start.mjs", import.meta.url));
if (!existsSync(bundle)) {
  console.error("There is no production build here yet: run `npm run build`, then `npm start`.");
  process.exit(1);
}
await import(bundle);
