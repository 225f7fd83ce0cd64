import { dictionaries, parseAcceptLanguage, pickLocale } from "@/components/i18n/dictionary";
import { pathTo } from "@/lib/chat-client/conversation-tree";
import { attachment } from "@/lib/history/attachment";
import { conversationMarkdown } from "@/lib/history/conversation-markdown";
import { exportDownload } from "@/lib/history/export-stream";
import { notFound, openHistory, readConversation, withStore } from "@/lib/history/history-access";
import { invalidRequest, methodNotAllowed } from "@/lib/http/responses";

// PROTOCOL.md section 12: one conversation as a download. Markdown is the branch the reader sees,
// in their language; JSON is the whole tree, in the export file's format (POST /api/import reads it).

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ id: string }>;
}

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const format = query.get("format") ?? "md";
  if (format !== "md" && format !== "json") return invalidRequest("format: use md or json");
  const lang = query.get("lang");
  const locale = pickLocale(lang ? [lang] : parseAcceptLanguage(request.headers.get("accept-language")));
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { id } = await params;
  return withStore(async () => {
    const tree = await readConversation(history, id);
    if (!tree) return notFound();
    if (format === "json") return exportDownload([tree], tree.title);
    const markdown = conversationMarkdown(
      { title: tree.title, createdAt: tree.createdAt, messages: pathTo(tree.messages, tree.currentLeafId) },
      dictionaries[locale],
    );
    return new Response(markdown, { headers: attachment(tree.title, "md", "text/markdown; charset=utf-8") });
  });
}

const notAllowed = () => methodNotAllowed("GET");

export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
