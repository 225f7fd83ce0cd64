// The authorization matrix's table (authorization-matrix.test.ts): every (method, path) the app
// serves, what the test sends there, and what each requester must get. A status alone, or
// [status, code] for a JSON error's code, or [status, "/path"] for a redirect's Location (path and
// query; ending in "*", its start).
// Resources are Ann's ("user"); "other user" is Bob, active, asking for Ann's; "admin" asks for
// Ann's too (an admin reads nobody's history); the API key and the revoked key are Ann's.

export const REQUESTERS = ["signedOut", "user", "otherUser", "admin", "apiKey", "revokedKey"] as const;
export type Requester = (typeof REQUESTERS)[number];
export type Outcome = number | readonly [number, string];

/** Ann's resources made before the matrix runs, and those made afresh for a cell that uses one up. */
export interface Resources {
  conversation: string;
  share: string;
  stream: string;
  key: string;
  bob: string;
  /** A new id for a cell that creates something (an import, a sign-up). */
  unique: string;
}

export type Fresh = "conversation" | "share" | "stream" | "key";

export interface Row {
  path: (r: Resources) => string;
  body?: (r: Resources) => unknown;
  headers?: Record<string, string>;
  /** Made for each cell, because the cell uses it up (a DELETE). */
  fresh?: Fresh;
  /** The cell ends sessions: every session is made again after the row. */
  endsSessions?: true;
  expect: Record<Requester, Outcome>;
}

const SIGNED_OUT_API: Outcome = [401, "unauthorized"];
const NOT_FOR_KEYS: Outcome = [403, "key_not_allowed"];
const REVOKED: Outcome = [401, "unauthorized"];

/** The chat, MCP and history APIs: a key is its account. */
function keyed(user: Outcome, otherUser: Outcome, admin: Outcome): Record<Requester, Outcome> {
  return { signedOut: SIGNED_OUT_API, user, otherUser, admin, apiKey: user, revokedKey: REVOKED };
}

/** The account's own APIs and the admin's: a session only. */
function sessionOnly(user: Outcome, otherUser: Outcome, admin: Outcome): Record<Requester, Outcome> {
  return { signedOut: SIGNED_OUT_API, user, otherUser, admin, apiKey: NOT_FOR_KEYS, revokedKey: REVOKED };
}

function page(path: string, user: Outcome, otherUser: Outcome, admin: Outcome): Record<Requester, Outcome> {
  const signIn = `/sign-in?next=${encodeURIComponent(path)}${path.endsWith("/") && path !== "/" ? "*" : ""}`;
  return { signedOut: [307, signIn], user, otherUser, admin, apiKey: NOT_FOR_KEYS, revokedKey: REVOKED };
}

/** Better Auth's own paths and share pages: no session needed, a key neither helps nor hurts. */
function open(outcome: Outcome): Record<Requester, Outcome> {
  return Object.fromEntries(REQUESTERS.map((who) => [who, outcome])) as Record<Requester, Outcome>;
}

/** What needs a session in Better Auth: a key is no session there. */
function sessionInAuth(withSession: Outcome, without: Outcome): Record<Requester, Outcome> {
  return {
    signedOut: without,
    user: withSession,
    otherUser: withSession,
    admin: withSession,
    apiKey: without,
    revokedKey: without,
  };
}

const at = (path: string) => () => path;
const ALL_405_KEYED = keyed(405, 405, 405);
const ALL_405_SESSION = sessionOnly(405, 405, 405);
const importFile = (r: Resources) => ({
  format: "deepseek-chat-export",
  version: 1,
  exportedAt: 1,
  conversations: [
    {
      id: r.unique,
      title: "imported",
      createdAt: 1,
      updatedAt: 2,
      currentLeafId: "q",
      messages: [
        { id: "q", parentId: null, role: "user", content: "hi", parts: [], createdAt: 1, updatedAt: 1 },
      ],
    },
  ],
});

export const PAGES: Record<string, Row> = {
  "GET /": { path: at("/"), expect: page("/", 200, 200, 200) },
  // The chat paints first; whether the conversation is the reader's is its API's to say.
  "GET /c/[id]": { path: (r) => `/c/${r.conversation}`, expect: page("/c/", 200, 200, 200) },
  "GET /login": { path: at("/login"), expect: page("/login", [307, "/"], [307, "/"], [307, "/"]) },
  "GET /admin": { path: at("/admin"), expect: page("/admin", 404, 404, 200) },
  "GET /settings/tools": { path: at("/settings/tools"), expect: page("/settings/tools", 200, 200, 200) },
  // Grown into /admin: old links land there; anyone else still finds nothing.
  "GET /people": { path: at("/people"), expect: page("/people", 404, 404, [307, "/admin"]) },
  "GET /s/[id]": { path: (r) => `/s/${r.share}`, expect: open(200) },
  "GET /sign-in": {
    path: at("/sign-in"),
    expect: { ...open(200), user: [307, "/"], otherUser: [307, "/"], admin: [307, "/"] },
  },
  "GET /sign-up": {
    path: at("/sign-up"),
    expect: { ...open(200), user: [307, "/"], otherUser: [307, "/"], admin: [307, "/"] },
  },
};

/** app/api/auth/[...all]/route.ts, by the paths the app uses (route-files.ts finds them in the code). */
export const BETTER_AUTH: Record<string, Row> = {
  "POST /api/auth/sign-in/email": {
    path: at("/api/auth/sign-in/email"),
    body: (r) => ({ email: `${r.unique}@example.com`, password: "not the password" }),
    expect: open(401),
  },
  "POST /api/auth/sign-up/email": {
    path: at("/api/auth/sign-up/email"),
    body: (r) => ({ name: "New", email: `${r.unique}@example.com`, password: "a long enough password" }),
    expect: open(200),
  },
  "POST /api/auth/sign-in/social": {
    path: at("/api/auth/sign-in/social"),
    body: () => ({ provider: "github", callbackURL: "/" }),
    expect: open(404),
  },
  "GET /api/auth/callback/[id]": { path: at("/api/auth/callback/github?state=x&code=y"), expect: open(302) },
  "POST /api/auth/change-password": {
    path: at("/api/auth/change-password"),
    body: () => ({ currentPassword: "not the password", newPassword: "another long password" }),
    expect: sessionInAuth(400, 401),
  },
  "GET /api/auth/get-session": { path: at("/api/auth/get-session"), expect: open(200) },
  "POST /api/auth/sign-out": {
    path: at("/api/auth/sign-out"),
    body: () => ({}),
    endsSessions: true,
    expect: open(200),
  },
  "POST /api/auth/revoke-sessions": {
    path: at("/api/auth/revoke-sessions"),
    body: () => ({}),
    endsSessions: true,
    expect: sessionInAuth(200, 401),
  },
};

export const API: Record<string, Row> = {
  "GET /api/account": { path: at("/api/account"), expect: sessionOnly(200, 200, 200) },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/account", {
    path: at("/api/account"),
    expect: ALL_405_SESSION,
  }),

  "GET /api/account/budget": { path: at("/api/account/budget"), expect: sessionOnly(200, 200, 200) },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/account/budget", {
    path: at("/api/account/budget"),
    expect: ALL_405_SESSION,
  }),

  "POST /api/chat": { path: at("/api/chat"), body: () => ({ prompt: "hi" }), expect: keyed(200, 200, 200) },
  "GET /api/chat": { path: at("/api/chat?prompt=hi"), expect: keyed(200, 200, 200) },
  ...methods(["PUT", "PATCH", "DELETE"], "/api/chat", { path: at("/api/chat"), expect: ALL_405_KEYED }),
  "POST /api/files": {
    path: at("/api/files?name=note.json"),
    body: () => ({ note: "hello" }),
    expect: keyed(200, 200, 200),
  },
  ...methods(["GET", "PUT", "PATCH", "DELETE"], "/api/files", {
    path: at("/api/files"),
    expect: ALL_405_KEYED,
  }),
  "GET /api/chat/[id]": {
    path: (r) => `/api/chat/${r.stream}`,
    expect: keyed(200, [404, "stream_not_found"], [404, "stream_not_found"]),
  },
  // The answer has ended by then: stopping it says so (a live one answers 204).
  "DELETE /api/chat/[id]": {
    path: (r) => `/api/chat/${r.stream}`,
    fresh: "stream",
    expect: keyed(200, [404, "stream_not_found"], [404, "stream_not_found"]),
  },
  ...methods(["POST", "PUT", "PATCH"], "/api/chat/[id]", {
    path: (r) => `/api/chat/${r.stream}`,
    expect: ALL_405_KEYED,
  }),
  // Section 24: the answer has ended, so nothing waits; another user's stream is unknown.
  "POST /api/chat/[id]/approval": {
    path: (r) => `/api/chat/${r.stream}/approval`,
    body: () => ({ tool_call_id: "call_0", decision: "allow" }),
    expect: keyed([409, "approval_not_pending"], [404, "stream_not_found"], [404, "stream_not_found"]),
  },
  ...methods(["GET", "PUT", "PATCH", "DELETE"], "/api/chat/[id]/approval", {
    path: (r) => `/api/chat/${r.stream}/approval`,
    expect: ALL_405_KEYED,
  }),

  "GET /api/conversations": { path: at("/api/conversations"), expect: keyed(200, 200, 200) },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/conversations", {
    path: at("/api/conversations"),
    expect: ALL_405_KEYED,
  }),
  "GET /api/conversations/[id]": {
    path: (r) => `/api/conversations/${r.conversation}`,
    expect: keyed(200, [404, "not_found"], [404, "not_found"]),
  },
  "PATCH /api/conversations/[id]": {
    path: (r) => `/api/conversations/${r.conversation}`,
    body: () => ({ title: "Renamed" }),
    expect: keyed(200, [404, "not_found"], [404, "not_found"]),
  },
  "DELETE /api/conversations/[id]": {
    path: (r) => `/api/conversations/${r.conversation}`,
    fresh: "conversation",
    expect: keyed(204, [404, "not_found"], [404, "not_found"]),
  },
  ...methods(["POST", "PUT"], "/api/conversations/[id]", {
    path: (r) => `/api/conversations/${r.conversation}`,
    expect: ALL_405_KEYED,
  }),
  "GET /api/conversations/[id]/export": {
    path: (r) => `/api/conversations/${r.conversation}/export`,
    expect: keyed(200, [404, "not_found"], [404, "not_found"]),
  },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/conversations/[id]/export", {
    path: (r) => `/api/conversations/${r.conversation}/export`,
    expect: ALL_405_KEYED,
  }),
  "POST /api/conversations/import": {
    path: at("/api/conversations/import"),
    body: (r) => ({
      conversations: [{ id: r.unique, title: "imported", createdAt: 1, updatedAt: 2, messages: [] }],
    }),
    expect: keyed(200, 200, 200),
  },
  ...methods(["GET", "PUT", "PATCH", "DELETE"], "/api/conversations/import", {
    path: at("/api/conversations/import"),
    expect: ALL_405_KEYED,
  }),
  "GET /api/export": { path: at("/api/export"), expect: keyed(200, 200, 200) },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/export", {
    path: at("/api/export"),
    expect: ALL_405_KEYED,
  }),
  "POST /api/import": { path: at("/api/import"), body: importFile, expect: keyed(200, 200, 200) },
  ...methods(["GET", "PUT", "PATCH", "DELETE"], "/api/import", {
    path: at("/api/import"),
    expect: ALL_405_KEYED,
  }),
  "GET /api/search": { path: at("/api/search?q=hello"), expect: keyed(200, 200, 200) },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/search", {
    path: at("/api/search"),
    expect: ALL_405_KEYED,
  }),

  "GET /api/shares": { path: at("/api/shares"), expect: keyed(200, 200, 200) },
  "POST /api/shares": {
    path: at("/api/shares"),
    body: (r) => ({ conversationId: r.conversation }),
    expect: keyed(201, [404, "not_found"], [404, "not_found"]),
  },
  ...methods(["PUT", "PATCH", "DELETE"], "/api/shares", { path: at("/api/shares"), expect: ALL_405_KEYED }),
  "DELETE /api/shares/[id]": {
    path: (r) => `/api/shares/${r.share}`,
    fresh: "share",
    expect: keyed(204, [404, "not_found"], [404, "not_found"]),
  },
  ...methods(["GET", "POST", "PUT", "PATCH"], "/api/shares/[id]", {
    path: (r) => `/api/shares/${r.share}`,
    expect: ALL_405_KEYED,
  }),

  "POST /api/mcp": {
    path: at("/api/mcp"),
    body: () => MCP_INITIALIZE,
    headers: { accept: "application/json, text/event-stream" },
    expect: keyed(200, 200, 200),
  },
  ...methods(["GET", "DELETE"], "/api/mcp", { path: at("/api/mcp"), expect: ALL_405_KEYED }),
  "GET /api/tools": { path: at("/api/tools"), expect: keyed(200, 200, 200) },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/tools", {
    path: at("/api/tools"),
    expect: ALL_405_KEYED,
  }),
  // Section 25: an owner's own settings, from a browser only (a script must not loosen them).
  "PATCH /api/tools/settings": {
    path: at("/api/tools/settings"),
    body: () => ({ server: "builtin", tool: "calculate", enabled: true }),
    expect: sessionOnly(200, 200, 200),
  },
  ...methods(["GET", "POST", "PUT", "DELETE"], "/api/tools/settings", {
    path: at("/api/tools/settings"),
    expect: ALL_405_SESSION,
  }),

  // The access code's sign-in has nothing to do in accounts mode.
  "POST /api/login": {
    path: at("/api/login"),
    body: () => ({ code: "x" }),
    expect: sessionOnly(404, 404, 404),
  },
  "DELETE /api/login": { path: at("/api/login"), expect: sessionOnly(204, 204, 204) },
  ...methods(["GET", "PUT", "PATCH"], "/api/login", { path: at("/api/login"), expect: ALL_405_SESSION }),

  "GET /api/people": {
    path: at("/api/people"),
    expect: sessionOnly([403, "not_admin"], [403, "not_admin"], 200),
  },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/people", {
    path: at("/api/people"),
    expect: ALL_405_SESSION,
  }),
  "PATCH /api/people/[id]": {
    path: (r) => `/api/people/${r.bob}`,
    body: () => ({ status: "active" }),
    expect: sessionOnly([403, "not_admin"], [403, "not_admin"], 200),
  },
  ...methods(["GET", "POST", "PUT", "DELETE"], "/api/people/[id]", {
    path: (r) => `/api/people/${r.bob}`,
    expect: ALL_405_SESSION,
  }),
  "GET /api/people/[id]/budget": {
    path: (r) => `/api/people/${r.bob}/budget`,
    expect: sessionOnly([403, "not_admin"], [403, "not_admin"], 200),
  },
  "PUT /api/people/[id]/budget": {
    path: (r) => `/api/people/${r.bob}/budget`,
    body: () => ({ tokens_per_day: "default" }),
    expect: sessionOnly([403, "not_admin"], [403, "not_admin"], 200),
  },
  ...methods(["POST", "PATCH", "DELETE"], "/api/people/[id]/budget", {
    path: (r) => `/api/people/${r.bob}/budget`,
    expect: ALL_405_SESSION,
  }),

  // Admin (issue 19): the usage report and the audit log.
  "GET /api/admin/usage": {
    path: at("/api/admin/usage?days=7"),
    expect: sessionOnly([403, "not_admin"], [403, "not_admin"], 200),
  },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/admin/usage", {
    path: at("/api/admin/usage"),
    expect: ALL_405_SESSION,
  }),
  "GET /api/admin/audit": {
    path: at("/api/admin/audit"),
    expect: sessionOnly([403, "not_admin"], [403, "not_admin"], 200),
  },
  ...methods(["POST", "PUT", "PATCH", "DELETE"], "/api/admin/audit", {
    path: at("/api/admin/audit"),
    expect: ALL_405_SESSION,
  }),

  "GET /api/keys": { path: at("/api/keys"), expect: sessionOnly(200, 200, 200) },
  "POST /api/keys": {
    path: at("/api/keys"),
    body: () => ({ name: "matrix" }),
    expect: sessionOnly(201, 201, 201),
  },
  ...methods(["PUT", "PATCH", "DELETE"], "/api/keys", { path: at("/api/keys"), expect: ALL_405_SESSION }),
  "DELETE /api/keys/[id]": {
    path: (r) => `/api/keys/${r.key}`,
    fresh: "key",
    expect: sessionOnly(204, [404, "not_found"], [404, "not_found"]),
  },
  ...methods(["GET", "POST", "PUT", "PATCH"], "/api/keys/[id]", {
    path: (r) => `/api/keys/${r.key}`,
    expect: ALL_405_SESSION,
  }),
};

function methods(list: string[], path: string, row: Row): Record<string, Row> {
  return Object.fromEntries(list.map((method) => [`${method} ${path}`, row]));
}

const MCP_INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-03-26", capabilities: {}, clientInfo: { name: "matrix", version: "1" } },
};
