"use client";

import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import type { ImagePart } from "@/lib/chat-client/types";
import { formatBytes } from "@/lib/files/format-bytes";
import { imageDataUrl } from "@/lib/protocol/image-data";
import { estimateTokens, IMAGE_TOKENS } from "@/lib/protocol/token-estimate";

// One attached file or image (PROTOCOL.md section 20): its name, size and about what it costs the
// model (an image with its thumbnail), or why it is not sent. In the composer it can be removed;
// in a sent message it is read only.

export interface FileChipProps {
  name: string;
  size: number;
  /** The extracted text, once read: what the token estimate counts. */
  text?: string | undefined;
  /** An image, once checked by the server: its thumbnail. */
  image?: ImagePart | undefined;
  /** An image the chosen model cannot read: it will not be sent. */
  unsent?: boolean | undefined;
  status?: "reading" | "ready" | "failed";
  error?: { code: string; message: string } | undefined;
  onRemove?: (() => void) | undefined;
}

function compact(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  return `${(tokens / 1000).toFixed(tokens < 10_000 ? 1 : 0)}k`;
}

export function FileChip({
  name,
  size,
  text,
  image,
  unsent,
  status = "ready",
  error,
  onRemove,
}: FileChipProps) {
  const t = useT();
  const problem = status === "failed" || (image !== undefined && unsent === true);
  const tokens = image ? IMAGE_TOKENS : text !== undefined ? estimateTokens(text) : undefined;
  const detail =
    status === "reading"
      ? t.fileReading
      : status === "failed"
        ? (error?.message && t.fileRefused(error.code, error.message)) || t.fileFailed
        : image && unsent
          ? t.imageNotSent
          : tokens !== undefined
            ? `${formatBytes(size)} · ${t.fileTokens(compact(tokens))}`
            : formatBytes(size);
  return (
    <li
      data-testid="file-chip"
      data-status={status}
      data-unsent={(image && unsent) || undefined}
      className={`flex max-w-72 items-center gap-2 rounded-xl border px-2.5 py-1.5 text-xs ${
        problem
          ? "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
          : "border-neutral-200 bg-white text-neutral-700 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-200"
      }`}
    >
      {image ? (
        // biome-ignore lint/performance/noImgElement: a data URL of the user's own image; nothing for next/image to optimise.
        <img
          src={imageDataUrl(image)}
          alt=""
          data-testid="file-thumbnail"
          className={`size-8 shrink-0 rounded-md object-cover ${unsent ? "opacity-50 grayscale" : ""}`}
        />
      ) : (
        <Icon
          name={status === "reading" ? "spinner" : problem ? "alert" : "file"}
          className={`size-4 shrink-0 ${status === "reading" ? "animate-spin" : ""}`}
        />
      )}
      <span className="flex min-w-0 flex-col">
        <span data-testid="file-name" className="truncate font-medium" title={name}>
          {name}
        </span>
        <span data-testid="file-detail" className="text-[0.6875rem] opacity-80">
          {detail}
        </span>
      </span>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          aria-label={t.removeFile(name)}
          title={t.removeFile(name)}
          data-testid="remove-file"
          className="ml-auto inline-flex size-6 shrink-0 items-center justify-center rounded-full hover:bg-neutral-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-neutral-700"
        >
          <Icon name="close" className="size-3.5" />
        </button>
      )}
    </li>
  );
}
