"use client";

import { useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { type ApprovalChoice, sendApproval } from "@/lib/chat-client/approval-api";
import type { ToolPart } from "@/lib/chat-client/types";

interface ToolApprovalProps {
  part: ToolPart;
  /** The answer's stream (PROTOCOL.md section 24 decides through it); undefined once it has ended. */
  streamId: string | undefined;
  live: boolean;
}

const BUTTON =
  "rounded-lg px-3 py-1.5 font-medium text-sm focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2 disabled:opacity-60";

/**
 * A tool call that waits for the user: Allow once, Always allow and Deny while it waits, then how
 * it was decided (here, in another tab or on another device: the stream tells every reader). The
 * decision is said in a polite live region; focus moves to it from the button that was pressed.
 */
export function ToolApproval({ part, streamId, live }: ToolApprovalProps) {
  const t = useT();
  const [sending, setSending] = useState<ApprovalChoice | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const status = useRef<HTMLParagraphElement>(null);
  if (!part.approval) return null;
  const decided = decisionLabel(part.approval, t);
  const waiting = part.approval === "pending" && part.status === "pending" && live && streamId !== undefined;

  const decide = async (choice: ApprovalChoice) => {
    if (!streamId) return;
    setSending(choice);
    setFailure(undefined);
    const sent = await sendApproval(streamId, part.id, choice);
    setSending(undefined);
    if (sent.ok) status.current?.focus();
    else setFailure(t.approvalFailed(sent.message));
  };

  return (
    <div data-testid="tool-approval" data-decision={part.approval} className="space-y-2">
      {waiting && (
        <fieldset className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-700/60 dark:bg-amber-950/40">
          <legend className="sr-only">{t.approvalNeeded}</legend>
          <p className="font-medium text-amber-900 text-sm dark:text-amber-100">
            {t.approvalQuestion(part.name, part.server)}
          </p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              data-testid="approval-allow"
              disabled={sending !== undefined}
              onClick={() => void decide("allow")}
              className={`${BUTTON} bg-brand-600 text-white hover:bg-brand-700`}
            >
              {sending === "allow" ? t.approvalSending : t.allowOnce}
            </button>
            <button
              type="button"
              data-testid="approval-always"
              title={t.alwaysAllowHint}
              disabled={sending !== undefined}
              onClick={() => void decide("always")}
              className={`${BUTTON} border border-brand-600 text-brand-700 hover:bg-brand-50 dark:text-brand-200 dark:hover:bg-brand-950`}
            >
              {sending === "always" ? t.approvalSending : t.alwaysAllow}
            </button>
            <button
              type="button"
              data-testid="approval-deny"
              disabled={sending !== undefined}
              onClick={() => void decide("deny")}
              className={`${BUTTON} border border-neutral-300 text-neutral-800 hover:bg-neutral-100 dark:border-neutral-700 dark:text-neutral-100 dark:hover:bg-neutral-800`}
            >
              {sending === "deny" ? t.approvalSending : t.deny}
            </button>
          </div>
          {failure && (
            <p role="alert" className="text-red-700 text-sm dark:text-red-300">
              {failure}
            </p>
          )}
        </fieldset>
      )}
      <p
        ref={status}
        tabIndex={-1}
        role="status"
        data-testid="approval-decision"
        className="text-neutral-600 text-xs focus:outline-none dark:text-neutral-300"
      >
        {decided && <span className="sr-only">{t.approvalFor(part.name)}</span>}
        {decided}
      </p>
    </div>
  );
}

function decisionLabel(approval: NonNullable<ToolPart["approval"]>, t: ReturnType<typeof useT>): string {
  switch (approval) {
    case "allow":
      return t.approvalAllowed;
    case "deny":
      return t.approvalDenied;
    case "timeout":
      return t.approvalTimedOut;
    case "pending":
      return "";
  }
}
