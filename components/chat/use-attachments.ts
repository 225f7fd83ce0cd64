"use client";

import { useCallback, useMemo, useState } from "react";
import { createId } from "@/lib/chat-client/create-id";
import { uploadFile } from "@/lib/chat-client/files-api";
import type { UserPart } from "@/lib/chat-client/types";
import { estimateTokens, IMAGE_TOKENS } from "@/lib/protocol/token-estimate";

// The composer's files and images before they are sent (PROTOCOL.md section 20): each read by the
// server as soon as it is attached, so sending never waits on an upload. An image goes with the
// question only while the chosen model reads images (`readsImages`); otherwise its chip says so
// and nothing of it is sent, and choosing a model that reads images sends it again.

export interface Attachment {
  id: string;
  name: string;
  size: number;
  status: "reading" | "ready" | "failed";
  file?: UserPart;
  /** Why it failed: the server's code and sentence (empty: it could not be reached). */
  error?: { code: string; message: string };
}

export interface Attachments {
  items: readonly Attachment[];
  /** The parts the question will carry: files, and images when the model reads them. */
  ready: readonly UserPart[];
  /** Some file is still being read: sending waits. */
  reading: boolean;
  /** What the ready parts take of the model's window, estimated once per change (the gauge). */
  tokens: number;
  add(files: readonly File[]): void;
  remove(id: string): void;
  clear(): void;
}

/** A part's share of the window: a file's block (its text and the tag with its name), an image's fixed figure. */
function partTokens(part: UserPart): number {
  return part.type === "image" ? IMAGE_TOKENS : estimateTokens(part.text) + estimateTokens(part.name) + 10;
}

export function useAttachments(readsImages: boolean): Attachments {
  const [items, setItems] = useState<readonly Attachment[]>([]);

  const settle = useCallback((id: string, change: Partial<Attachment>) => {
    setItems((current) => current.map((item) => (item.id === id ? { ...item, ...change } : item)));
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file) => {
        const item: Attachment = { id: createId(), name: file.name, size: file.size, status: "reading" };
        void uploadFile(file).then((outcome) =>
          settle(
            item.id,
            outcome.ok
              ? { status: "ready", file: outcome.file }
              : { status: "failed", error: { code: outcome.code, message: outcome.message } },
          ),
        );
        return item;
      });
      setItems((current) => [...current, ...added]);
    },
    [settle],
  );

  const remove = useCallback(
    (id: string) => setItems((current) => current.filter((item) => item.id !== id)),
    [],
  );
  const clear = useCallback(() => setItems([]), []);

  return useMemo(() => {
    const ready = items.flatMap((item) =>
      item.status === "ready" && item.file && (readsImages || item.file.type !== "image") ? [item.file] : [],
    );
    const reading = items.some((item) => item.status === "reading");
    const tokens = ready.reduce((sum, part) => sum + partTokens(part), 0);
    return { items, ready, reading, tokens, add, remove, clear };
  }, [items, readsImages, add, remove, clear]);
}
