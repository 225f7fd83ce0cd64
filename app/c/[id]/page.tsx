import { ChatPage } from "@/app/chat-page";

// `/c/<id>`: the same chat with that conversation open, so a reload, a bookmark or the back button
// lands on it. Whether it exists is the conversation route's to say (the page paints first).

export const dynamic = "force-dynamic";

export default async function Conversation({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ChatPage conversationId={decodeURIComponent(id)} />;
}
