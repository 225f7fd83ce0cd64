import { parseExportFile } from "@/lib/history/export-file";
import { openHistory, withStore } from "@/lib/history/history-access";
import { IMPORT_LIMIT_BYTES } from "@/lib/history/import-limit";
import { invalidRequest, methodNotAllowed, readJsonBody } from "@/lib/http/responses";

// PROTOCOL.md section 12: an export file back in, whole or not at all, into the importing owner
// only. Checked entirely before the store sees it; taken ids come back as new ones.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  // Who may import comes first: a file of megabytes is not read for a client with no history.
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const body = await readJsonBody(request, IMPORT_LIMIT_BYTES);
  if (!body.ok) return body.response;
  const file = parseExportFile(body.value);
  if (!file.ok) return invalidRequest(file.message);
  const { owner, store } = history;
  return withStore(async () =>
    Response.json(
      { imported: await store.archive.restoreConversations(owner, file.value) },
      { headers: { "Cache-Control": "no-store" } },
    ),
  );
}

const notAllowed = () => methodNotAllowed("POST");

export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
