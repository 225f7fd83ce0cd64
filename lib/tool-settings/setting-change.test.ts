import { describe, expect, it } from "vitest";
import { NO_SETTINGS } from "./effective-policy";
import { applyChange, parseSettingChange } from "./setting-change";

// PATCH /api/tools/settings's body and rules, without a server: the field a 400 names, and what a
// change keeps of the setting it replaces.

describe("a tool setting change", () => {
  it("names the field of the first problem", () => {
    const problem = (body: unknown) => {
      const parsed = parseSettingChange(body);
      return parsed.ok ? "ok" : parsed.message;
    };
    expect(problem({ server: "s", enabled: false })).toBe("ok");
    expect(problem({ server: "s" })).toBe("enabled: send enabled, policy or both");
    expect(problem({ enabled: true })).toMatch(/^server: /);
    expect(problem({ server: "s", tool: "", enabled: true })).toBe("tool: must not be empty");
    expect(problem({ server: "s", enabled: 1 })).toBe("enabled: must be true or false");
    expect(problem({ server: "s", tool: "t", policy: "never" })).toBe("policy: use auto, ask or null");
    expect(problem({ server: "s", layer: "everyone", enabled: true })).toBe("layer: use own or deployment");
    expect(problem({ server: "s", enabled: true, extra: 1 })).toBe("body: unknown field extra");
    expect(problem([])).toMatch(/^body: /);
  });

  it("keeps what the change leaves out, and clears a policy with null", () => {
    const layers = {
      deployment: [],
      own: [{ server: "s", tool: "t", enabled: false, policy: "ask" as const }],
    };
    const keep = applyChange({ layer: "own", server: "s", tool: "t", enabled: true }, "auto", layers);
    expect(keep).toEqual({ ok: true, setting: { server: "s", tool: "t", enabled: true, policy: "ask" } });
    const clear = applyChange({ layer: "own", server: "s", tool: "t", policy: null }, "auto", layers);
    expect(clear).toEqual({ ok: true, setting: { server: "s", tool: "t", enabled: false } });
  });

  it("refuses what would loosen mcp.json or an admin, and policies for whole servers", () => {
    const refused = (
      change: Parameters<typeof applyChange>[0],
      base: "auto" | "ask" | "never" | undefined,
      layers = NO_SETTINGS,
    ) => {
      const applied = applyChange(change, base, layers);
      return applied.ok ? "ok" : applied.message.split(":")[0];
    };
    expect(refused({ layer: "own", server: "s", policy: "ask" }, undefined)).toBe("policy");
    expect(refused({ layer: "own", server: "s", tool: "t", policy: "ask" }, "never")).toBe("policy");
    expect(refused({ layer: "deployment", server: "s", tool: "t", policy: "auto" }, "never")).toBe("policy");
    expect(refused({ layer: "own", server: "s", tool: "t", policy: "auto" }, "auto")).toBe("policy");
    expect(refused({ layer: "own", server: "s", tool: "t", policy: "auto" }, "ask")).toBe("ok");
    const pinned = {
      deployment: [{ server: "s", tool: "t", enabled: true, policy: "ask" as const }],
      own: [],
    };
    expect(refused({ layer: "own", server: "s", tool: "t", policy: "auto" }, "ask", pinned)).toBe("policy");
    // Tightening is always allowed, switching a never tool off too (it changes nothing).
    expect(refused({ layer: "own", server: "s", tool: "t", policy: "ask" }, "auto", pinned)).toBe("ok");
    expect(refused({ layer: "own", server: "s", tool: "t", enabled: false }, "never")).toBe("ok");
  });
});
