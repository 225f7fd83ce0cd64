import { ChatPage } from "./chat-page";

// `/`: a new chat.

export const dynamic = "force-dynamic";

export default function Home() {
  return <ChatPage conversationId={null} />;
}
