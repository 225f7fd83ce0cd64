import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkHouseRules, formatViolation, type Violation } from "./testing/house-rules";
import { buildImportGraph } from "./testing/import-graph";

// STYLE.md's house, as a test over the real import graph: which side of the wire code runs on,
// what the protocol folder may depend on, where test code lives, and how large a file or a function
// may grow. The planted cases show each rule catches what it is meant to, however it is spelled.

const root = join(import.meta.dirname, "..");

const inTree = checkHouseRules(buildImportGraph(root));

/** What planting `extra` adds to what the tree has. */
function violationsWith(extra: Record<string, string>): Violation[] {
  const before = new Set(inTree.map(formatViolation));
  return checkHouseRules(buildImportGraph(root, extra)).filter(
    (violation) => !before.has(formatViolation(violation)),
  );
}

// Each planted case reads and resolves the whole tree again: about half a second here, several on a
// loaded CI machine.
describe("the house rules", { timeout: 30_000 }, () => {
  it("hold for the whole tree", () => {
    expect(inTree.map(formatViolation)).toEqual([]);
  });

  it("catch a component importing the MCP pool", () => {
    const found = violationsWith({
      "components/chat/planted.tsx": `import "../../lib/mcp/mcp-pool";\nexport const x = 1;\n`,
    });
    expect(found.map(formatViolation)).toEqual([
      'components/chat/planted.tsx: client code imports no server code (lib/agent, lib/mcp, lib/http, lib/resume, lib/store, server-only): components/chat/planted.tsx:1 imports "../../lib/mcp/mcp-pool"',
    ]);
  });

  it("catch a server module re-exported through lib/chat-client, and the component that uses it", () => {
    const found = violationsWith({
      "lib/chat-client/planted.ts": `export { McpPool } from "@/lib/mcp/mcp-pool";\n`,
      "components/chat/planted.tsx": `import { McpPool } from "@/lib/chat-client/planted";\nexport const pool = McpPool;\n`,
    });
    expect(found.map((violation) => violation.file).sort()).toEqual([
      "components/chat/planted.tsx",
      "lib/chat-client/planted.ts",
    ]);
    expect(found.find((violation) => violation.file === "components/chat/planted.tsx")?.detail).toBe(
      'components/chat/planted.tsx:1 imports "@/lib/chat-client/planted" → lib/chat-client/planted.ts:1 imports "@/lib/mcp/mcp-pool"',
    );
  });

  it('catch a "use client" module that reaches a server-only module', () => {
    const found = violationsWith({
      "app/planted-client.tsx": `"use client";\nimport { loadConfig } from "@/lib/config";\nexport const c = loadConfig;\n`,
    });
    expect(found.map((violation) => [violation.file, violation.rule.split(" (")[0]])).toEqual([
      ["app/planted-client.tsx", "client code imports no server code"],
    ]);
  });

  it("let client code import server types, which the build erases", () => {
    const found = violationsWith({
      "components/chat/planted.tsx": `import type { McpPool } from "@/lib/mcp/mcp-pool";\nexport type P = McpPool;\n`,
    });
    expect(found).toEqual([]);
  });

  it("catch client code loading the protocol barrel, which carries zod", () => {
    const found = violationsWith({
      "components/chat/planted.tsx": `import { parseSseStream } from "@/lib/protocol";\nexport const p = parseSseStream;\n`,
    });
    expect(found.map((violation) => violation.rule.split(":")[0])).toEqual(["client code does not load zod"]);
  });

  it("catch lib/protocol importing the rest of lib/", () => {
    const found = violationsWith({ "lib/protocol/planted.ts": `export { loadConfig } from "../config";\n` });
    expect(found.map(formatViolation)).toEqual([
      'lib/protocol/planted.ts: lib/protocol is the wire contract and imports nothing else of the project but lib/streams: line 1 imports "../config" (lib/config.ts)',
    ]);
  });

  it("catch lib/streams importing the rest of lib/, the protocol included", () => {
    const found = violationsWith({
      "lib/streams/planted.ts": `import type { ChatEvent } from "@/lib/protocol/events";
import "../config";
export type E = ChatEvent;
`,
    });
    expect(found.map(formatViolation)).toEqual([
      'lib/streams/planted.ts: lib/streams holds stream helpers and imports nothing else of the project: line 1 imports "@/lib/protocol/events" (lib/protocol/events.ts)',
      'lib/streams/planted.ts: lib/streams holds stream helpers and imports nothing else of the project: line 2 imports "../config" (lib/config.ts)',
    ]);
  });

  it("catch an import from e2e/ outside it, and test code in production code", () => {
    const found = violationsWith({
      "lib/agent/planted.test.ts": `import { ChatPage } from "../../e2e/pages/chat-page";\nexport const p = ChatPage;\n`,
      "lib/agent/planted.ts": `import { pollUntil } from "@/lib/testing/poll-until";\nexport const p = pollUntil;\n`,
    });
    expect(found.map((violation) => [violation.file, violation.rule])).toEqual([
      ["lib/agent/planted.test.ts", "nothing outside e2e/ imports from e2e/"],
      ["lib/agent/planted.ts", "production code imports no test code"],
    ]);
  });

  it("catch openai outside lib/agent, and a path that names no file", () => {
    const found = violationsWith({
      "lib/mcp/planted.ts": `import type OpenAI from "openai";\nimport "./no-such-module";\nexport type O = OpenAI;\n`,
    });
    expect(found.map((violation) => violation.rule)).toEqual([
      "only lib/agent talks to the provider (imports openai)",
      "every import resolves",
    ]);
  });

  it("catch a file over 300 lines and a function over 80", () => {
    const body = Array.from({ length: 81 }, (_, index) => `  const v${index} = ${index};`).join("\n");
    const found = violationsWith({
      "lib/agent/planted.ts": `export function long(): void {\n${body}\n}\n${"\n".repeat(220)}`,
    });
    expect(found.map(formatViolation)).toEqual([
      "lib/agent/planted.ts: no file over 300 lines: 303 lines",
      "lib/agent/planted.ts: no function over 80 lines: long at line 1 is 83 lines",
    ]);
  });
});
