"use client";

import { useId, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { ImagePart } from "@/lib/chat-client/types";
import { imageDataUrl } from "@/lib/protocol/image-data";

// An image a sent question carries (PROTOCOL.md section 20): a thumbnail that opens the image
// larger in a dialog. The data URL is the part's own bytes; the page's CSP allows `img-src data:`.

export function MessageImage({ image }: { image: ImagePart }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const url = imageDataUrl(image);
  return (
    <li>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={t.viewImage(image.name)}
        title={image.name}
        data-testid="message-image"
        className="block overflow-hidden rounded-xl border border-neutral-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-neutral-700"
      >
        {/* biome-ignore lint/performance/noImgElement: a data URL of the user's own image; nothing for next/image to optimise. */}
        <img src={url} alt={image.name} className="h-28 w-auto max-w-60 object-cover" />
      </button>
      {open && (
        <ModalDialog
          testId="image-dialog"
          titleId={titleId}
          title={image.name}
          onClose={() => setOpen(false)}
          spaced={false}
        >
          {/* biome-ignore lint/performance/noImgElement: as above. */}
          <img src={url} alt={image.name} className="mt-4 max-h-[75vh] w-full object-contain" />
        </ModalDialog>
      )}
    </li>
  );
}
