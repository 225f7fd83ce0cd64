// The Content-Security-Policy proxy.ts puts on every response it lets through. Pages get a fresh
// nonce per request: Next reads it from the request's CSP header and puts it on its own scripts,
// and the root layout puts it on the theme script; 'strict-dynamic' lets those scripts load the
// chunks they import (the highlighter, KaTeX) without listing them. No 'unsafe-inline' for scripts.
// The rest keeps data on this origin: nothing is loaded from or sent to other hosts — no remote
// images either, since a prompt-injected answer could leak data through an image URL — and the app
// cannot be framed.

export const NONCE_HEADER = "x-nonce";

/** 128 random bits, base64: unguessable, and new for every page. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

interface PolicyOptions {
  dev?: boolean;
  /**
   * A read-only page (a share link): it calls no API and submits no form, so it may not — a
   * poisoned answer shown to a signed-in reader cannot reach the chat API through it.
   */
  readOnly?: boolean;
}

export function pagePolicy(nonce: string, { dev = false, readOnly = false }: PolicyOptions = {}): string {
  return [
    "default-src 'self'",
    // Dev only: React rebuilds server error stacks in the browser with eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles stay 'unsafe-inline', and so carry no nonce (a nonce would switch 'unsafe-inline'
    // off): React's `style` props and KaTeX's layout are style *attributes*, which no nonce can
    // allow. Inline styles run no code; what matters for injection is script-src.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Dev: the HMR websocket.
    readOnly ? `connect-src ${dev ? "ws:" : "'none'"}` : `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    readOnly ? "form-action 'none'" : "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * For everything that is not a page (JSON, SSE, redirects): nothing in it may load or run anything.
 * A browser that is tricked into rendering an API answer as a document gets an inert one.
 */
export const NO_CONTENT_POLICY =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Paths that answer with data, not pages; `path` as the router matches it (see routePath). */
export function servesPage(path: string): boolean {
  return !(path === "/api" || path.startsWith("/api/"));
}
