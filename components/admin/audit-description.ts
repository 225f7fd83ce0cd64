import type { Dictionary } from "@/components/i18n/dictionary";
import type { AuditEntry, AuditState } from "@/lib/admin/audit-entry";
import { formatCount, formatMoney } from "../chat/format";

// What an audit line says, from its before and after: the verbs for an account's change
// (approved, disabled, made admin…) and each field that changed, as field: before → after.

export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

export function auditVerbs(entry: AuditEntry, t: Dictionary): string[] {
  if (entry.action === "budget") return [t.auditBudget];
  if (entry.action === "tools") return [t.auditTools(String(entry.after.tool ?? entry.before.tool ?? ""))];
  const verbs: string[] = [];
  const { before, after } = entry;
  if (before.status !== after.status) {
    if (after.status === "disabled") verbs.push(t.auditDisabled);
    else if (after.status === "active")
      verbs.push(before.status === "pending" ? t.auditApproved : t.auditEnabled);
  }
  if (before.role !== after.role) verbs.push(after.role === "admin" ? t.auditMadeAdmin : t.auditRemovedAdmin);
  return verbs;
}

export function auditChanges(entry: AuditEntry, t: Dictionary): AuditChange[] {
  // In a reading order of our own: jsonb keeps an object's keys ordered by length, not as written.
  const fields = [...new Set([...Object.keys(entry.before), ...Object.keys(entry.after)])].sort(
    (a, b) => rank(a) - rank(b),
  );
  return fields
    .filter((field) => entry.before[field] !== entry.after[field])
    .map((field) => ({
      field: fieldLabel(field, t),
      before: valueLabel(entry.before, field, t),
      after: valueLabel(entry.after, field, t),
    }));
}

const FIELD_ORDER = ["status", "role", "tokensPerDay", "usdPerMonth", "enabled", "policy"];
const rank = (field: string) => {
  const at = FIELD_ORDER.indexOf(field);
  return at === -1 ? FIELD_ORDER.length : at;
};

function fieldLabel(field: string, t: Dictionary): string {
  if (field === "status") return t.auditStatus;
  if (field === "role") return t.auditRole;
  // A budget's two measures (the budget route's before and after: PROTOCOL.md section 17).
  if (field === "tokensPerDay") return t.budgetTokensPerDay;
  if (field === "usdPerMonth") return t.budgetUsdPerMonth;
  // A tool setting for everyone (PROTOCOL.md section 25).
  if (field === "enabled") return t.auditToolOn;
  if (field === "policy") return t.auditToolPolicy;
  return field;
}

function valueLabel(state: AuditState, field: string, t: Dictionary): string {
  const value = state[field];
  if (value === undefined || value === null) return t.auditUnset;
  if (field === "status") {
    if (value === "pending") return t.statusPending;
    if (value === "active") return t.statusActive;
    if (value === "disabled") return t.statusDisabled;
  }
  if (field === "role") return value === "admin" ? t.roleAdmin : t.roleUser;
  if (field === "enabled") return value === true ? t.auditYes : t.auditNo;
  if (field === "policy")
    return value === "ask" ? t.policyAsk : value === "auto" ? t.policyAuto : String(value);
  if (value === "default") return t.auditUnset;
  if (value === "unlimited") return t.budgetUnlimited;
  if (typeof value === "number")
    return field === "usdPerMonth" ? formatMoney(value, "usd") : formatCount(value);
  return String(value);
}
