import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseToolArguments, ToolCallAssembler, type ToolCallFragment } from "./tool-call-assembler";

const fixtureDir = join(import.meta.dirname, "../testing/upstream/fixtures");
const fixtures = readdirSync(fixtureDir).filter((name) => name.endsWith(".chunks.txt"));

interface FixtureChunk {
  choices: { delta: { tool_calls?: ToolCallFragment[] } }[];
}

function assemble(file: string) {
  const assembler = new ToolCallAssembler();
  const early = [];
  for (const line of readFileSync(join(fixtureDir, file), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const chunk = JSON.parse(line) as FixtureChunk;
    const fragments = chunk.choices[0]?.delta.tool_calls;
    if (fragments) early.push(...assembler.push(fragments));
  }
  return { early, late: assembler.finish(), all: assembler.all() };
}

describe("ToolCallAssembler against the recorded streams", () => {
  it("finds the fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
  });

  it.each(fixtures)("%s", (file) => {
    const { early, late, all } = assemble(file);
    if (file.includes("tool-call")) {
      expect(early).toEqual([]);
      expect(late).toEqual([
        {
          index: 0,
          id: "call_00_ioIn7yN9p1ZOMNpDLwd4MgAF",
          name: "weather",
          argumentsText: '{"location": "San Francisco"}',
        },
      ]);
      expect(parseToolArguments(late[0]?.argumentsText ?? "")).toEqual({
        ok: true,
        arguments: { location: "San Francisco" },
      });
    } else {
      expect([...early, ...late, ...all]).toEqual([]);
    }
  });
});

describe("ToolCallAssembler", () => {
  it("announces a call as soon as the next index starts, when its JSON is whole", () => {
    const a = new ToolCallAssembler();
    expect(a.push([{ index: 0, id: "c0", function: { name: "get_current_time", arguments: "" } }])).toEqual(
      [],
    );
    expect(a.push([{ index: 0, function: { arguments: '{"timezone":' } }])).toEqual([]);
    expect(a.push([{ index: 0, function: { arguments: '"Asia/Shanghai"}' } }])).toEqual([]);
    expect(a.push([{ index: 1, id: "c1", function: { name: "calculate", arguments: '{"expr' } }])).toEqual([
      { index: 0, id: "c0", name: "get_current_time", argumentsText: '{"timezone":"Asia/Shanghai"}' },
    ]);
    a.push([{ index: 1, function: { arguments: 'ession":"1+2"}' } }]);
    expect(a.finish()).toEqual([
      { index: 1, id: "c1", name: "calculate", argumentsText: '{"expression":"1+2"}' },
    ]);
    expect(a.all().map((c) => c.id)).toEqual(["c0", "c1"]);
  });

  it("waits for the end of the round when fragments interleave", () => {
    const a = new ToolCallAssembler();
    a.push([{ index: 0, id: "a", function: { name: "x", arguments: '{"a":' } }]);
    expect(a.push([{ index: 1, id: "b", function: { name: "y", arguments: "{}" } }])).toEqual([]);
    a.push([{ index: 0, function: { arguments: "1}" } }]);
    expect(a.finish().map((c) => [c.id, c.argumentsText])).toEqual([
      ["a", '{"a":1}'],
      ["b", "{}"],
    ]);
  });

  it("gives calls without ids unique ones and takes several fragments in one chunk", () => {
    const a = new ToolCallAssembler();
    a.push([
      { index: 0, function: { name: "x", arguments: "{}" } },
      { index: 1, function: { name: "y", arguments: "{}" } },
    ]);
    expect(a.all().map((c) => c.id)).toEqual(["call_0", "call_1"]);
  });
});

describe("parseToolArguments", () => {
  it.each([
    ["", { ok: true, arguments: {} }],
    ["  ", { ok: true, arguments: {} }],
    ['{"code":"600519"}', { ok: true, arguments: { code: "600519" } }],
  ])("accepts %j", (text, expected) => {
    expect(parseToolArguments(text)).toEqual(expected);
  });

  it.each(['{"code": "600519"', "[1,2]", "42", "null", "not json"])("refuses %j with a sentence", (text) => {
    const parsed = parseToolArguments(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.arguments).toEqual({});
    if (!parsed.ok) expect(parsed.error).toMatch(/^the arguments (are not valid JSON|must be a JSON object)/);
  });
});
