// A rejection before the stream starts is JSON `{error: {code, message}}` (PROTOCOL.md section 1).
// Its message is written for API callers; a few statuses get a sentence for the person at the page.

export interface HttpError {
  status: number;
  code: string;
  message: string;
}

export async function readHttpError(response: Response): Promise<HttpError> {
  let code = `http_${response.status}`;
  let message: string | undefined;
  try {
    const body: unknown = await response.json();
    const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error === "object" && error !== null) {
      const fields = error as { code?: unknown; message?: unknown };
      if (typeof fields.code === "string") code = fields.code;
      if (typeof fields.message === "string" && fields.message) message = fields.message;
    }
  } catch {
    // not JSON: a proxy's HTML error page, say; the status still tells what happened
  }
  return { status: response.status, code, message: friendlyMessage(response, message) };
}

function friendlyMessage(response: Response, serverMessage: string | undefined): string {
  switch (response.status) {
    case 401:
      // The server's sentence tells API clients to send a Bearer header; the browser uses the cookie.
      return "This server needs its access code. Enter it, then try again.";
    case 429: {
      const retry = Number(response.headers.get("retry-after"));
      const wait = Number.isFinite(retry) && retry > 0 ? ` in ${Math.ceil(retry)} s` : " in a moment";
      return `Too many requests. Try again${wait}.`;
    }
  }
  if (serverMessage) return serverMessage;
  if (response.status >= 500) return `The server failed (HTTP ${response.status}). Try again.`;
  return `The server refused the request (HTTP ${response.status}).`;
}
