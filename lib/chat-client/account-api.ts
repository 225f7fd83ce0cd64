// The browser's side of accounts (PROTOCOL.md section 14): Better Auth's endpoints under /api/auth
// and our People API, as plain fetches with their failures sorted into what a page can say.

export type AccountFailure =
  | { kind: "wrongCredentials" }
  | { kind: "wrongCurrentPassword" }
  | { kind: "signUpClosed" }
  | { kind: "passwordTooShort" }
  | { kind: "invalidEmail" }
  | { kind: "tooMany"; seconds: number }
  | { kind: "offline" }
  | { kind: "failed"; status: number };

export type AccountResult = { ok: true } | { ok: false; failure: AccountFailure };

async function post(path: string, body: unknown): Promise<Response | undefined> {
  try {
    return await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return undefined;
  }
}

async function codeOf(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null) return undefined;
    const code = (body as { code?: unknown }).code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

async function resultOf(response: Response | undefined): Promise<AccountResult> {
  if (!response) return { ok: false, failure: { kind: "offline" } };
  if (response.ok) return { ok: true };
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after"));
    return { ok: false, failure: { kind: "tooMany", seconds: seconds > 0 ? Math.ceil(seconds) : 60 } };
  }
  const code = await codeOf(response);
  if (code === "INVALID_EMAIL_OR_PASSWORD") return { ok: false, failure: { kind: "wrongCredentials" } };
  if (code === "INVALID_PASSWORD") return { ok: false, failure: { kind: "wrongCurrentPassword" } };
  if (code === "SIGNUP_CLOSED") return { ok: false, failure: { kind: "signUpClosed" } };
  if (code === "PASSWORD_TOO_SHORT") return { ok: false, failure: { kind: "passwordTooShort" } };
  if (code === "INVALID_EMAIL") return { ok: false, failure: { kind: "invalidEmail" } };
  return { ok: false, failure: { kind: "failed", status: response.status } };
}

export async function signInWithPassword(email: string, password: string): Promise<AccountResult> {
  return resultOf(await post("/api/auth/sign-in/email", { email, password }));
}

/** Answers alike for a free and a taken address (no session either way): sign in next. */
export async function signUpWithPassword(
  name: string,
  email: string,
  password: string,
): Promise<AccountResult> {
  return resultOf(await post("/api/auth/sign-up/email", { name, email, password }));
}

export async function signOut(): Promise<AccountResult> {
  return resultOf(await post("/api/auth/sign-out", {}));
}

export async function signOutEverywhere(): Promise<AccountResult> {
  return resultOf(await post("/api/auth/revoke-sessions", {}));
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<AccountResult> {
  return resultOf(
    await post("/api/auth/change-password", { currentPassword, newPassword, revokeOtherSessions: true }),
  );
}

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role: "admin" | "user";
  status: "pending" | "active" | "disabled";
  createdAt: string;
}

export async function listPeople(): Promise<PersonRow[] | undefined> {
  try {
    const response = await fetch("/api/people", { cache: "no-store" });
    if (!response.ok) return undefined;
    return ((await response.json()) as { people: PersonRow[] }).people;
  } catch {
    return undefined;
  }
}

export async function changePerson(
  id: string,
  change: { status?: "active" | "disabled"; role?: "admin" | "user" },
): Promise<PersonRow | undefined> {
  try {
    const response = await fetch(`/api/people/${encodeURIComponent(id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(change),
    });
    return response.ok ? ((await response.json()) as PersonRow) : undefined;
  } catch {
    return undefined;
  }
}
