import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SharedConversation } from "@/components/share/shared-conversation";
import { loadShare, readerLocale } from "./load-share";

// `/s/<id>`: a share link's read-only copy of a conversation, rendered on the server (PROTOCOL.md
// section 13). Unknown and revoked links are a 404 (not-found.tsx).

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const share = await loadShare((await params).id);
  return { title: share ? `${share.title} · DeepSeek Chat` : "DeepSeek Chat" };
}

export default async function SharePage({ params }: Props) {
  const share = await loadShare((await params).id);
  if (!share) notFound();
  return (
    <SharedConversation
      title={share.title}
      createdAt={share.createdAt}
      messages={share.messages}
      initialLocale={await readerLocale()}
    />
  );
}
