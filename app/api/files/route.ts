import { loadConfig } from "@/lib/config";
import { FileError } from "@/lib/files/file-error";
import { readAttachment } from "@/lib/files/read-attachment";
import { readUpload } from "@/lib/files/read-upload";
import { checkAccess, refuseAccess } from "@/lib/http/access-code";
import { invalidRequest, methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 20: a file's bytes in, its text (or an image, its bytes) out as the part a user message carries.
// Thin: the name, then the bytes within the limit, then the extractor; each refusal its code.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  // proxy.ts checks first; this is defence in depth should its matcher ever miss the route.
  const denied = refuseAccess(checkAccess(request.headers));
  if (denied) return denied;
  const name = new URL(request.url).searchParams.get("name")?.trim() ?? "";
  if (name === "" || name.length > 255) return invalidRequest("name: the file's name, 1 to 255 characters");
  const config = loadConfig();
  try {
    // An image has its own limit (IMAGE_MAX_BYTES); the extractor checks which one applies.
    const bytes = await readUpload(request, Math.max(config.fileMaxBytes, config.imageMaxBytes));
    const mediaType = request.headers.get("content-type") ?? "";
    const file = await readAttachment({ name, mediaType, bytes }, config);
    return Response.json({ file }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    // The rest of a refused body is never read: the connection cannot carry another request.
    if (error.code === "file_too_large") headers.Connection = "close";
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers },
    );
  }
}

const notAllowed = () => methodNotAllowed("POST");

export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
