// Admin (issue 19): one line of the audit log as the API sends it and the admin page reads it
// (PROTOCOL.md section 18). Plain types: the server writes them, the browser shows them.

/** What an action changed, before or after: flat fields, so any change reads as field: a → b. */
export type AuditState = Readonly<Record<string, string | number | boolean | null>>;

/**
 * `account`: status and role (PATCH /api/people/<id>); `budget`: a person's budget overrides;
 * `tools`: a tool setting for everyone (PATCH /api/tools/settings, the deployment layer), whose
 * target is "*".
 */
export type AdminAction = "account" | "budget" | "tools";

export interface AuditPerson {
  id: string;
  /** Absent for an account that no longer exists: the log keeps its id. */
  name?: string;
  email?: string;
}

export interface AuditEntry {
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  actor: AuditPerson;
  action: AdminAction;
  target: AuditPerson;
  before: AuditState;
  after: AuditState;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next, older page; null on the last. */
  next: string | null;
}
