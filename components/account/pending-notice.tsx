"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { signOut } from "@/lib/chat-client/account-api";
import { CARD, CardTitle, PRIMARY_BUTTON, SECONDARY_BUTTON } from "./form-parts";

/** A signed-in account that may not chat yet (pending) or any more (disabled): say so, offer a way out. */
export function PendingNotice({ email, status }: { email: string; status: "pending" | "disabled" }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const pending = status === "pending";
  return (
    <section
      data-testid="account-pending"
      data-status={status}
      aria-labelledby="pending-title"
      className={CARD}
    >
      <CardTitle
        id="pending-title"
        title={pending ? t.pendingTitle : t.disabledTitle}
        intro={pending ? t.pendingBody(email) : t.disabledBody(email)}
      />
      <div className="mt-6 flex flex-col gap-2">
        {pending && (
          <button
            type="button"
            className={PRIMARY_BUTTON}
            data-testid="check-again"
            onClick={() => window.location.assign("/")}
          >
            <Icon name="refresh" className="size-4" />
            {t.checkAgain}
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          data-testid="pending-sign-out"
          className={`${SECONDARY_BUTTON} h-10 w-full`}
          onClick={async () => {
            setBusy(true);
            await signOut();
            window.location.replace("/sign-in");
          }}
        >
          {t.signOut}
        </button>
      </div>
    </section>
  );
}
