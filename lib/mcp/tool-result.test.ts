import { describe, expect, it } from "vitest";
import { mapToolResult } from "./tool-result";

const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

describe("mapToolResult", () => {
  it("gives structured content, else the text as JSON, else the text", () => {
    expect(mapToolResult({ structuredContent: { a: 1 }, content: [{ type: "text", text: "{}" }] })).toEqual({
      result: { a: 1 },
    });
    expect(mapToolResult({ content: [{ type: "text", text: '{"price":1680.5}' }] })).toEqual({
      result: { price: 1680.5 },
    });
    expect(mapToolResult({ content: [{ type: "text", text: "plain words" }] })).toEqual({
      result: "plain words",
    });
  });

  it("keeps a result nested too deep to encode as text, never as a value that would overflow", () => {
    const text = deep(5_000);
    expect(mapToolResult({ content: [{ type: "text", text }] })).toEqual({ result: text });
    const structured = JSON.parse(deep(5_000)) as unknown;
    expect(
      mapToolResult({ structuredContent: structured, content: [{ type: "text", text: "summary" }] }),
    ).toEqual({
      result: "summary",
    });
    expect(mapToolResult({ structuredContent: structured, content: [] })).toEqual({
      error: "The tool's result nests deeper than 64 levels and was not passed on.",
    });
  });
});
