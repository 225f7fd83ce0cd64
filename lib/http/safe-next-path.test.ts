import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query and hash", () => {
    expect(safeNextPath("/")).toBe("/");
    expect(safeNextPath("/?q=1#x")).toBe("/?q=1#x");
    expect(safeNextPath(["/a", "/b"])).toBe("/a");
  });

  it.each([
    undefined,
    "",
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/login",
    "/login?next=/",
  ])("sends %j home", (value) => {
    expect(safeNextPath(value)).toBe("/");
  });
});
