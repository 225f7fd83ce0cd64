"use client";

import { useCallback, useMemo, useState } from "react";
import { createId } from "@/lib/chat-client/create-id";
import { uploadFile } from "@/lib/chat-client/files-api";
import type { FilePart } from "@/lib/chat-client/types";
import { fileKind } from "@/lib/files/file-kind";
import { estimateTokens } from "@/lib/protocol/token-estimate";

// The composer's files before they are sent (PROTOCOL.md section 20): each read by the server as
// soon as it is attached, so sending never waits on an upload. An image is kept only to say it
// is not sent: no model here reads images.

export interface Attachment {
  id: string;
  name: string;
  size: number;
  status: "reading" | "ready" | "failed" | "image";
  file?: FilePart;
  /** Why it failed: the server's code and sentence (empty: it could not be reached). */
  error?: { code: string; message: string };
}

export interface Attachments {
  items: readonly Attachment[];
  /** The files the question will carry. */
  ready: readonly FilePart[];
  /** Some file is still being read: sending waits. */
  reading: boolean;
  /** What the ready files take of the model's window, estimated once per change (the gauge). */
  tokens: number;
  add(files: readonly File[]): void;
  remove(id: string): void;
  clear(): void;
}

export function useAttachments(): Attachments {
  const [items, setItems] = useState<readonly Attachment[]>([]);

  const settle = useCallback((id: string, change: Partial<Attachment>) => {
    setItems((current) => current.map((item) => (item.id === id ? { ...item, ...change } : item)));
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file) => {
        const image = fileKind(file.name, file.type) === "image";
        const item: Attachment = {
          id: createId(),
          name: file.name,
          size: file.size,
          status: image ? "image" : "reading",
        };
        if (!image) {
          void uploadFile(file).then((outcome) =>
            settle(
              item.id,
              outcome.ok
                ? { status: "ready", file: outcome.file }
                : { status: "failed", error: { code: outcome.code, message: outcome.message } },
            ),
          );
        }
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
    const ready = items.flatMap((item) => (item.status === "ready" && item.file ? [item.file] : []));
    const reading = items.some((item) => item.status === "reading");
    // Each file's block: its text, and the tag around it with its name (lib/agent/file-blocks.ts).
    const tokens = ready.reduce(
      (sum, file) => sum + estimateTokens(file.text) + estimateTokens(file.name) + 10,
      0,
    );
    return { items, ready, reading, tokens, add, remove, clear };
  }, [items, add, remove, clear]);
}
