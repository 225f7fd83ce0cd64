import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

// What the app serves, read from its files the way Next's router does: every app/**/route.ts with
// each HTTP method it exports, and every app/**/page.tsx (a GET). For the authorization matrix
// (e2e/integration/authorization-matrix.test.ts), so that a route nobody classified fails it.

const root = join(import.meta.dirname, "../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface ServedFile {
  /** The file, from the project root: app/api/chat/[id]/route.ts. */
  file: string;
  /** Its URL path as a template: /api/chat/[id]. Route groups `(name)` are not in it. */
  path: string;
  methods: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function urlPath(file: string): string {
  const segments = relative(join(root, "app"), file)
    .split(sep)
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** `export async function GET`, `export const POST =`, and `export { handle as GET, x as DELETE }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) {
    found.add(match[1] ?? "");
  }
  for (const list of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of (list[1] ?? "").split(",")) {
      const name = item
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) found.add(name);
    }
  }
  return METHODS.filter((method) => found.has(method));
}

export function servedFiles(): ServedFile[] {
  return walk(join(root, "app"))
    .flatMap((file): ServedFile[] => {
      const name = file.split(sep).pop();
      const rel = relative(root, file).split(sep).join("/");
      if (name === "page.tsx") return [{ file: rel, path: urlPath(file), methods: ["GET"] }];
      if (name !== "route.ts") return [];
      return [{ file: rel, path: urlPath(file), methods: exportedMethods(readFileSync(file, "utf8")) }];
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Every `/api/auth/<path>` the app's own code calls or registers (tests aside). */
export function betterAuthPathsInUse(): string[] {
  const found = new Set<string>();
  for (const folder of ["app", "components", "lib"]) {
    for (const file of walk(join(root, folder))) {
      if (
        !/\.tsx?$/.test(file) ||
        /\.(test|contract)\.tsx?$/.test(file) ||
        file.includes(`${sep}testing${sep}`)
      ) {
        continue;
      }
      for (const match of readFileSync(file, "utf8").matchAll(/\/api\/auth\/([a-z][a-z0-9/-]*[a-z0-9])/g)) {
        found.add(`/api/auth/${match[1]}`);
      }
    }
  }
  return [...found].sort();
}
