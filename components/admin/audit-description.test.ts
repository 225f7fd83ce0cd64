import { describe, expect, it } from "vitest";
import { en } from "@/components/i18n/en";
import type { AuditEntry } from "@/lib/admin/audit-entry";
import { auditChanges, auditVerbs } from "./audit-description";

const line = (
  action: AuditEntry["action"],
  before: AuditEntry["before"],
  after: AuditEntry["after"],
): AuditEntry => ({
  id: "1",
  at: 0,
  actor: { id: "a" },
  target: { id: "b" },
  action,
  before,
  after,
});

describe("an audit line's words", () => {
  it("names each account change by its before and after", () => {
    const cases: Array<[AuditEntry["before"], AuditEntry["after"], string[]]> = [
      [{ status: "pending", role: "user" }, { status: "active", role: "user" }, ["approved"]],
      [{ status: "disabled", role: "user" }, { status: "active", role: "user" }, ["enabled"]],
      [{ status: "active", role: "user" }, { status: "disabled", role: "user" }, ["disabled"]],
      [{ status: "pending", role: "user" }, { status: "active", role: "admin" }, ["approved", "made admin"]],
      [{ status: "active", role: "admin" }, { status: "active", role: "user" }, ["removed admin from"]],
    ];
    for (const [before, after, verbs] of cases)
      expect(auditVerbs(line("account", before, after), en)).toEqual(verbs);
  });

  it("lists only the fields that changed, in the reader's words, a budget's too", () => {
    expect(
      auditChanges(
        line("account", { status: "pending", role: "user" }, { status: "active", role: "user" }),
        en,
      ),
    ).toEqual([{ field: "status", before: "Waiting", after: "Active" }]);
    // As the budget route writes them (PROTOCOL.md section 17): "default", "unlimited" or an amount.
    const budget = line(
      "budget",
      { tokensPerDay: "default", usdPerMonth: 5 },
      { tokensPerDay: 1000, usdPerMonth: "unlimited" },
    );
    expect(auditVerbs(budget, en)).toEqual(["changed the budget of"]);
    expect(auditChanges(budget, en)).toEqual([
      { field: "Tokens a day", before: "default", after: "1,000" },
      { field: "Dollars a month", before: "$5.00", after: "Unlimited" },
    ]);
  });

  it("says which tool an admin changed for everyone, and how", () => {
    const entry = line(
      "tools",
      { tool: "everything/echo", enabled: true, policy: null },
      { tool: "everything/echo", enabled: false, policy: "ask" },
    );
    expect(auditVerbs(entry, en)).toEqual(["changed the tool everything/echo for"]);
    expect(auditChanges(entry, en)).toEqual([
      { field: "switched on", before: "yes", after: "no" },
      { field: "when called", before: "default", after: "Ask first" },
    ]);
  });
});
