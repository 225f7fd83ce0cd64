import { describe, expect, it } from "vitest";
import { AUTO_APPROVAL, policyOf } from "./tool-policy";

describe("policyOf", () => {
  const mail = {
    approval: "ask" as const,
    toolApproval: { list_inbox: "auto" as const, send: "never" as const },
  };

  it("takes the tool's own override first, then the server's default", () => {
    expect(policyOf(mail, "list_inbox")).toBe("auto");
    expect(policyOf(mail, "send")).toBe("never");
    expect(policyOf(mail, "archive")).toBe("ask");
  });

  it("is auto for the built-in and web servers", () => {
    expect(policyOf(AUTO_APPROVAL, "calculate")).toBe("auto");
    expect(policyOf(AUTO_APPROVAL, "read_page")).toBe("auto");
  });

  it("does not take a tool named after an Object.prototype member for an override", () => {
    expect(policyOf(mail, "constructor")).toBe("ask");
    expect(policyOf(mail, "toString")).toBe("ask");
  });
});
