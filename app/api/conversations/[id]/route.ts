import { notFound, openHistory, withStore } from "@/lib/history/history-access";
import { parseWith, patchBody } from "@/lib/history/history-schemas";
import { toWireTree } from "@/lib/history/wire-conversation";
import { invalidRequest, methodNotAllowed, readJsonBody } from "@/lib/http/responses";

// PROTOCOL.md section 10: one conversation, every branch of it; rename it, switch its branch, delete it.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
const BODY_LIMIT_BYTES = 4_096;

interface Context {
  params: Promise<{ id: string }>;
}

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, repo } = history;
  return withStore(async () => {
    await repo.interruptLapsed({ ownerId: owner, conversationId: id });
    const tree = await repo.getConversation(owner, id);
    return tree ? Response.json(toWireTree(tree), { headers: NO_STORE }) : notFound();
  });
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const body = await readJsonBody(request, BODY_LIMIT_BYTES);
  if (!body.ok) return body.response;
  const patch = parseWith(patchBody, body.value);
  if (!patch.ok) return invalidRequest(patch.message);
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, repo } = history;
  const { title, currentLeafId } = patch.value;
  return withStore(async () => {
    if (title !== undefined && !(await repo.renameConversation(owner, id, title))) return notFound();
    if (currentLeafId !== undefined && !(await repo.setCurrentLeaf(owner, id, currentLeafId))) {
      return (await repo.getConversation(owner, id)) ? notFound("message in this conversation") : notFound();
    }
    const tree = await repo.getConversation(owner, id);
    if (!tree) return notFound();
    const { messages: _messages, ...summary } = tree;
    return Response.json(summary, { headers: NO_STORE });
  });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const history = await openHistory(request);
  if (!history.ok) return history.response;
  const { owner, repo } = history;
  return withStore(async () =>
    (await repo.deleteConversation(owner, id)) ? new Response(null, { status: 204 }) : notFound(),
  );
}

const notAllowed = () => methodNotAllowed("GET, PATCH, DELETE");

export { notAllowed as POST, notAllowed as PUT };
