// Bundles server.ts (the small Node server `npm start` runs around Next) into .next/start.mjs, after
// `next build`. Only our own modules go into the bundle; packages (next, @next/env) are loaded from
// node_modules at run time, as Next itself is.
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: ".next/start.mjs",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20.9",
  logLevel: "warning",
});
