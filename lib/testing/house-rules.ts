import ts from "typescript";
import type { ImportEdge, ImportGraph, SourceFile } from "./import-graph";

// The house's rules (STYLE.md, "The house"), checked on the real import graph. Each violation
// names the file, the rule and the way in, so whoever breaks a rule reads what to change.

export interface Violation {
  rule: string;
  file: string;
  detail: string;
}

export function formatViolation({ rule, file, detail }: Violation): string {
  return `${file}: ${rule}: ${detail}`;
}

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;

const SERVER_DIRS = ["lib/agent/", "lib/mcp/", "lib/http/", "lib/resume/", "lib/store/"];
const ROOT_SERVER_FILES = ["server.ts", "proxy.ts", "instrumentation.ts"];

export function isTestCode(path: string): boolean {
  return (
    /\.(test|spec|contract)\.tsx?$/.test(path) ||
    path.startsWith("e2e/") ||
    path.startsWith("lib/testing/") ||
    path.includes("/__fixtures__/") ||
    path.endsWith("/test-support.ts")
  );
}

/** What ships: the app's routes, components and libraries, and the server around them. */
export function isProductionCode(path: string): boolean {
  if (isTestCode(path)) return false;
  return (
    ["app/", "components/", "lib/"].some((dir) => path.startsWith(dir)) || ROOT_SERVER_FILES.includes(path)
  );
}

function hasUseClient(text: string): boolean {
  return /^(?:\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use client["']/.test(text);
}

/** Code that runs in the browser: components, the chat client, and every "use client" module. */
export function isClientCode(file: SourceFile): boolean {
  if (isTestCode(file.path)) return false;
  const { path, text } = file;
  return path.startsWith("components/") || path.startsWith("lib/chat-client/") || hasUseClient(text);
}

function isServerCode(path: string, graph: ImportGraph): boolean {
  if (SERVER_DIRS.some((dir) => path.startsWith(dir)) || ROOT_SERVER_FILES.includes(path)) return true;
  return graph.importsOf(path).some((edge) => edge.to === "package:server-only");
}

/**
 * The first runtime path from `start` to a module `isTarget` accepts, as the edges taken, or
 * undefined. Type-only imports are erased at build time and do not count. Modules `isTarget`
 * rejects are searched through, except those `isFence` accepts.
 */
function runtimePath(
  graph: ImportGraph,
  start: string,
  isTarget: (to: string) => boolean,
  isFence: (to: string) => boolean = () => false,
): ImportEdge[] | undefined {
  const cameBy = new Map<string, ImportEdge | null>([[start, null]]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const edge of graph.importsOf(file)) {
      if (edge.typeOnly || cameBy.has(edge.to)) continue;
      cameBy.set(edge.to, edge);
      if (isTarget(edge.to)) {
        const path: ImportEdge[] = [];
        for (let step: ImportEdge | null | undefined = edge; step; step = cameBy.get(step.from))
          path.unshift(step);
        return path;
      }
      if (graph.files.has(edge.to) && !isFence(edge.to)) queue.push(edge.to);
    }
  }
  return undefined;
}

function describePath(path: ImportEdge[]): string {
  return path.map((edge) => `${edge.from}:${edge.line} imports "${edge.specifier}"`).join(" → ");
}

function clientRules(graph: ImportGraph): Violation[] {
  const violations: Violation[] = [];
  const isServer = (to: string) => graph.files.has(to) && isServerCode(to, graph);
  for (const file of graph.files.values()) {
    if (!isClientCode(file)) continue;
    const server = runtimePath(graph, file.path, isServer);
    if (server) {
      violations.push({
        rule: "client code imports no server code (lib/agent, lib/mcp, lib/http, lib/resume, lib/store, server-only)",
        file: file.path,
        detail: describePath(server),
      });
    }
    // A way in through server code is already reported above.
    const isZod = (to: string) => to === "lib/protocol/index.ts" || to === "package:zod";
    const zod = runtimePath(graph, file.path, isZod, isServer);
    if (zod) {
      violations.push({
        rule: "client code does not load zod: import the protocol's types with `import type` and the parser from lib/protocol/sse-parser, not the barrel",
        file: file.path,
        detail: describePath(zod),
      });
    }
  }
  return violations;
}

function edgeRules(edge: ImportEdge): Violation[] {
  const violations: Violation[] = [];
  const at = `line ${edge.line} imports "${edge.specifier}" (${edge.to})`;
  const add = (rule: string) => violations.push({ rule, file: edge.from, detail: at });
  const toFile = !edge.to.startsWith("package:");
  if (edge.to.startsWith("unresolved:")) add("every import resolves");
  // The contract's encoder and parser stand on lib/streams (a body's chunks, a silence timer),
  // which knows no protocol and itself imports nothing of the project.
  if (
    edge.from.startsWith("lib/protocol/") &&
    !isTestCode(edge.from) &&
    toFile &&
    !edge.to.startsWith("lib/protocol/") &&
    !edge.to.startsWith("lib/streams/")
  ) {
    add("lib/protocol is the wire contract and imports nothing else of the project but lib/streams");
  }
  if (
    edge.from.startsWith("lib/streams/") &&
    !isTestCode(edge.from) &&
    toFile &&
    !edge.to.startsWith("lib/streams/")
  ) {
    add("lib/streams holds stream helpers and imports nothing else of the project");
  }
  if (!edge.from.startsWith("e2e/") && edge.to.startsWith("e2e/"))
    add("nothing outside e2e/ imports from e2e/");
  if (isProductionCode(edge.from) && toFile && isTestCode(edge.to))
    add("production code imports no test code");
  if (isProductionCode(edge.from) && edge.to === "package:openai" && !edge.from.startsWith("lib/agent/")) {
    add("only lib/agent talks to the provider (imports openai)");
  }
  return violations;
}

function lineCount(text: string): number {
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

function functionName(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  return "(anonymous)";
}

function sizeRules(file: SourceFile): Violation[] {
  const inScope =
    isProductionCode(file.path) && ["app/", "components/", "lib/"].some((d) => file.path.startsWith(d));
  if (!inScope) return [];
  const violations: Violation[] = [];
  const lines = lineCount(file.text);
  if (lines > MAX_FILE_LINES) {
    violations.push({
      rule: `no file over ${MAX_FILE_LINES} lines`,
      file: file.path,
      detail: `${lines} lines`,
    });
  }
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > MAX_FUNCTION_LINES) {
        violations.push({
          rule: `no function over ${MAX_FUNCTION_LINES} lines`,
          file: file.path,
          detail: `${functionName(node, source)} at line ${first + 1} is ${last - first + 1} lines`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return violations;
}

export function checkHouseRules(graph: ImportGraph): Violation[] {
  return [
    ...clientRules(graph),
    ...graph.edges.flatMap(edgeRules),
    ...[...graph.files.values()].flatMap(sizeRules),
  ];
}
