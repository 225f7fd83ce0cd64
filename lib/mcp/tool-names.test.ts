import { describe, expect, it } from "vitest";
import { assignToolNames, MAX_NAME_LENGTH, safeName } from "./tool-names";

const names = (tools: { server: string; tool: string }[]) =>
  Object.fromEntries(
    [...assignToolNames(tools)].map(([name, owner]) => [name, `${owner.server}/${owner.tool}`]),
  );

describe("assignToolNames", () => {
  it("keeps unique names and prefixes both sides of a collision", () => {
    expect(
      names([
        { server: "builtin", tool: "calculate" },
        { server: "stdio", tool: "echo" },
        { server: "http", tool: "echo" },
        { server: "http", tool: "get-sum" },
      ]),
    ).toEqual({
      calculate: "builtin/calculate",
      stdio__echo: "stdio/echo",
      http__echo: "http/echo",
      "get-sum": "http/get-sum",
    });
  });

  it("makes names safe for the provider and keeps them distinct", () => {
    const assigned = names([
      { server: "a", tool: "read.file" },
      { server: "a", tool: "read_file" },
      { server: "b", tool: "搜索" },
      { server: "my server", tool: "x".repeat(100) },
      { server: "other", tool: "x".repeat(100) },
    ]);
    const keys = Object.keys(assigned);
    expect(keys.every((key) => /^[A-Za-z0-9_-]{1,64}$/.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(5);
    expect(assigned.read_file).toBeDefined();
    expect(assigned.read_file_2).toBeDefined();
    expect(keys.filter((k) => k.length === MAX_NAME_LENGTH)).toHaveLength(2);
  });

  it.each([
    ["get_stock_info", "get_stock_info"],
    ["get.stock info", "get_stock_info"],
    ["", "tool"],
    ["***", "tool"],
  ])("safeName(%j) = %j", (input, expected) => {
    expect(safeName(input)).toBe(expected);
  });
});
