import { describe, expect, it } from "vitest";
import { canAllowAlways, effectiveTool, NO_SETTINGS, type SettingLayers } from "./effective-policy";

// The rules of PROTOCOL.md section 25: mcp.json's never is final, a user never loosens what an
// admin decided, and Always allow only turns an `ask` tool from mcp.json into `auto`.

const own = (...settings: SettingLayers["own"]): SettingLayers => ({ deployment: [], own: settings });
const both = (deployment: SettingLayers["deployment"], mine: SettingLayers["own"]): SettingLayers => ({
  deployment,
  own: mine,
});

describe("a tool's effective policy", () => {
  it("is mcp.json's with no settings", () => {
    for (const base of ["auto", "ask", "never"] as const)
      expect(effectiveTool(base, NO_SETTINGS, "s", "t")).toEqual({ policy: base, off: false });
  });

  it("never loosens a never tool, from either layer", () => {
    const allow = [{ server: "s", tool: "t", enabled: true, policy: "auto" as const }];
    expect(effectiveTool("never", both(allow, allow), "s", "t").policy).toBe("never");
    expect(canAllowAlways("never", [], "s", "t")).toBe(false);
  });

  it("lets an owner tighten auto to ask, and always-allow an ask tool", () => {
    expect(
      effectiveTool("auto", own({ server: "s", tool: "t", enabled: true, policy: "ask" }), "s", "t").policy,
    ).toBe("ask");
    expect(
      effectiveTool("ask", own({ server: "s", tool: "t", enabled: true, policy: "auto" }), "s", "t").policy,
    ).toBe("auto");
    // Another tool, or the same name on another server, is not touched.
    expect(
      effectiveTool("ask", own({ server: "s", tool: "t", enabled: true, policy: "auto" }), "s", "u").policy,
    ).toBe("ask");
    expect(
      effectiveTool("ask", own({ server: "s", tool: "t", enabled: true, policy: "auto" }), "r", "t").policy,
    ).toBe("ask");
  });

  it("lets no user loosen what an admin tightened or pinned", () => {
    const adminAsk = [{ server: "s", tool: "t", enabled: true, policy: "ask" as const }];
    const userAllow = [{ server: "s", tool: "t", enabled: true, policy: "auto" as const }];
    // auto in mcp.json, ask by the admin: the user's Always allow does nothing.
    expect(effectiveTool("auto", both(adminAsk, userAllow), "s", "t").policy).toBe("ask");
    // ask in mcp.json, and the admin said ask too: pinned.
    expect(effectiveTool("ask", both(adminAsk, userAllow), "s", "t").policy).toBe("ask");
    expect(canAllowAlways("ask", adminAsk, "s", "t")).toBe(false);
    // Nor switch on what an admin switched off, by server or by tool.
    const adminOff = [{ server: "s", enabled: false }];
    expect(effectiveTool("auto", both(adminOff, [{ server: "s", enabled: true }]), "s", "t").off).toBe(true);
  });

  it("lets an admin always-allow an ask tool for everyone, and a user tighten it again", () => {
    const adminAllow = [{ server: "s", tool: "t", enabled: true, policy: "auto" as const }];
    expect(effectiveTool("ask", both(adminAllow, []), "s", "t").policy).toBe("auto");
    expect(
      effectiveTool(
        "ask",
        both(adminAllow, [{ server: "s", tool: "t", enabled: true, policy: "ask" }]),
        "s",
        "t",
      ).policy,
    ).toBe("ask");
    // An admin's auto does not loosen what mcp.json says is never.
    expect(effectiveTool("never", both(adminAllow, []), "s", "t").policy).toBe("never");
  });

  it("keeps an auto tool auto under Always allow", () => {
    // Always allow on an auto tool is no loosening: it stays auto.
    expect(
      effectiveTool("auto", own({ server: "s", tool: "t", enabled: true, policy: "auto" }), "s", "t").policy,
    ).toBe("auto");
    expect(canAllowAlways("auto", [], "s", "t")).toBe(false);
  });

  it("is off when its server or itself is switched off by a layer or by the conversation", () => {
    expect(effectiveTool("auto", own({ server: "s", enabled: false }), "s", "t").off).toBe(true);
    expect(effectiveTool("auto", own({ server: "s", tool: "t", enabled: false }), "s", "t").off).toBe(true);
    expect(effectiveTool("auto", own({ server: "s", tool: "t", enabled: false }), "s", "u").off).toBe(false);
    expect(effectiveTool("auto", NO_SETTINGS, "s", "t", [{ server: "s" }]).off).toBe(true);
    expect(effectiveTool("auto", NO_SETTINGS, "s", "t", [{ server: "s", tool: "t" }]).off).toBe(true);
    expect(effectiveTool("auto", NO_SETTINGS, "s", "t", [{ server: "s", tool: "u" }]).off).toBe(false);
  });
});
