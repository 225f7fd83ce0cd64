// Bundles server.ts (the small Node server `npm start` runs around Next) into .next/start.mjs, after
// `next build`. Only our own modules go into the bundle; packages (next, @next/env) are loaded from
// node_modules at run time, as Next itself is.
import { build } from "esbuild";

// The bundle is server code through and through: `server-only` (which throws unless Next builds
// for the server) guards client bundles, and here stands for nothing.
const serverOnly = {
  name: "server-only",
  setup(context) {
    context.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    context.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

await build({
  entryPoints: ["server.ts"],
  outfile: ".next/start.mjs",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20.9",
  logLevel: "warning",
  plugins: [serverOnly],
});
