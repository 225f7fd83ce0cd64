"use client";

import { memo, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import type { BranchPosition } from "@/lib/chat-client/conversation-tree";
import type { FilePart, ImagePart, UIMessage } from "@/lib/chat-client/types";
import { BranchSwitcher, type OnBranch } from "./branch-switcher";
import { FileChip } from "./file-chip";
import { MessageEditor } from "./message-editor";
import { MessageImage } from "./message-image";

interface UserMessageProps {
  message: UIMessage;
  /** Edit and resend: replaces this turn and drops everything after it. Absent: read only. */
  onEdit?: ((messageId: string, text: string) => void) | undefined;
  /** Edited before: which version this is (‹ 2 / 3 ›). */
  branch?: BranchPosition | undefined;
  onBranch?: OnBranch | undefined;
  branchDisabled?: boolean | undefined;
}

export const UserMessage = memo(function UserMessage({
  message,
  onEdit,
  branch,
  onBranch,
  branchDisabled,
}: UserMessageProps) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const files = message.parts.filter((part): part is FilePart => part.type === "file");
  const images = message.parts.filter((part): part is ImagePart => part.type === "image");

  if (editing) {
    return (
      <MessageEditor
        initialText={message.content}
        onCancel={() => setEditing(false)}
        onSubmit={(text) => {
          setEditing(false);
          onEdit?.(message.id, text);
        }}
      />
    );
  }

  return (
    <article data-testid="user-message" aria-label={t.you} className="group flex flex-col items-end gap-1">
      {images.length > 0 && (
        <ul
          aria-label={t.attachedFiles}
          data-testid="message-images"
          className="flex max-w-[85%] flex-wrap justify-end gap-2"
        >
          {images.map((image, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a sent message's images never change order, and names repeat.
            <MessageImage key={`${index}-${image.name}`} image={image} />
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <ul
          aria-label={t.attachedFiles}
          data-testid="message-files"
          className="flex max-w-[85%] flex-wrap justify-end gap-2"
        >
          {files.map((file, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a sent message's files never change order, and names repeat.
            <FileChip key={`${index}-${file.name}`} name={file.name} size={file.size} text={file.text} />
          ))}
        </ul>
      )}
      {message.content !== "" && (
        <div
          data-testid="user-text"
          className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-md bg-brand-50 px-4 py-2.5 text-[0.9375rem] text-neutral-900 leading-relaxed dark:bg-brand-900/50 dark:text-neutral-100"
        >
          {message.content}
        </div>
      )}
      {/* Revealed on hover where there is hover; always there on touch screens and for the keyboard. */}
      <div className="flex items-center gap-0.5">
        <BranchSwitcher id={message.id} at={branch} onBranch={onBranch} disabled={branchDisabled} />
        <div className="flex gap-0.5 transition-opacity focus-within:opacity-100 group-hover:opacity-100 [@media(hover:hover)]:opacity-0">
          <CopyButton text={message.content} label={t.copy} copiedLabel={t.copied} />
          {onEdit && (
            <IconButton label={t.edit} size="sm" onClick={() => setEditing(true)} data-testid="edit">
              <Icon name="pencil" className="size-3.5" />
            </IconButton>
          )}
        </div>
      </div>
    </article>
  );
});
