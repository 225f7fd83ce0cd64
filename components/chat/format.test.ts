import { describe, expect, it } from "vitest";
import { formatJson, formatMoney, formatShare, JSON_DEPTH_LIMIT } from "./format";

function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe("formatJson", () => {
  it("pretty-prints JSON and shows a string as is", () => {
    expect(formatJson({ code: "600519", list: [1, 2] })).toBe(
      '{\n  "code": "600519",\n  "list": [\n    1,\n    2\n  ]\n}',
    );
    expect(formatJson("plain text")).toBe("plain text");
    expect(formatJson(null)).toBe("null");
    expect(formatJson(undefined)).toBe("undefined");
  });

  it("prints values up to the depth limit in full", () => {
    const value = nested(JSON_DEPTH_LIMIT, "leaf");
    expect(formatJson(value)).toBe(JSON.stringify(value, null, 2));
  });

  it("cuts deeper containers to … instead of throwing or printing megabytes", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}1${"]".repeat(100_000)}`) as unknown;
    expect(() => JSON.stringify(deep)).toThrow(RangeError); // what formatJson used to do
    const text = formatJson(deep);
    expect(text).toContain('"…"');
    expect(text.split("\n")).toHaveLength(2 * JSON_DEPTH_LIMIT + 1);
    expect(text.length).toBeLessThan(5_000);
    expect(formatJson(nested(JSON_DEPTH_LIMIT + 1, "leaf"))).not.toContain("leaf");
  });

  it("cuts only the deep branch of a wide value", () => {
    const text = formatJson({ shallow: "kept", deep: nested(5_000) });
    expect(text).toContain('"shallow": "kept"');
    expect(text).toContain('"…"');
  });

  it("never throws, even for values JSON cannot hold", () => {
    expect(formatJson(10n)).toBe("[object BigInt]");
    const hostile = {
      get boom(): never {
        throw new Error("getter");
      },
    };
    expect(formatJson(hostile)).toBe("[object Object]");
  });
});

describe("formatMoney and formatShare", () => {
  it("shows cents from a unit up and two significant digits below, never an exponent", () => {
    expect(formatMoney(1234.5, "usd")).toBe("$1,234.50");
    expect(formatMoney(0.0003324, "usd")).toBe("$0.00033");
    expect(formatMoney(0.002216, "cny")).toBe("¥0.0022");
    expect(formatMoney(3.3e-7, "usd")).toBe("$0.00000033");
    expect(formatMoney(0, "cny")).toBe("¥0");
  });

  it("never rounds a real share down to nothing", () => {
    expect(formatShare(0.634)).toBe("63%");
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(0.001)).toBe("<1%");
    expect(formatShare(1)).toBe("100%");
  });
});
