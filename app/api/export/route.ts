import { exportDownload } from "@/lib/history/export-stream";
import { openHistory, withStore } from "@/lib/history/history-access";
import { methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 12: every conversation of the owner, whole, as one export file, streamed
// from the database a page at a time.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, repo, store } = history;
  return withStore(async () => {
    await repo.interruptLapsed({ ownerId: owner });
    const day = new Date().toISOString().slice(0, 10);
    return exportDownload(store.archive.exportConversations(owner), `deepseek-chat-${day}`);
  });
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
