"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { IconButton } from "@/components/ui/icon-button";
import { Icon } from "@/components/ui/icons";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { type AccountFailure, changePassword } from "@/lib/chat-client/account-api";
import { failureText } from "./failure-text";
import { Field, FormError, SubmitButton } from "./form-parts";

/** Changing the password; the library then ends every other session of the account. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AccountFailure | undefined>();
  const [done, setDone] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (next.length < MIN_PASSWORD_LENGTH) return setFailure({ kind: "passwordTooShort" });
    setBusy(true);
    setFailure(undefined);
    const result = await changePassword(current, next);
    setBusy(false);
    if (result.ok) setDone(true);
    else setFailure(result.failure);
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop; the keyboard has Escape.
    <dialog
      ref={ref}
      data-testid="change-password-dialog"
      aria-labelledby="change-password-title"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl border border-neutral-200 bg-white p-0 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:border-neutral-800 dark:bg-neutral-900 dark:text-neutral-100"
    >
      <form onSubmit={submit} className="p-5">
        <header className="flex items-center gap-2">
          <h2 id="change-password-title" className="flex-1 font-semibold text-base">
            {t.changePassword}
          </h2>
          <IconButton label={t.close} size="sm" onClick={() => ref.current?.close()}>
            <Icon name="close" className="size-4" />
          </IconButton>
        </header>
        {done ? (
          <p data-testid="password-changed" className="mt-4 flex items-start gap-1.5 text-sm">
            <Icon name="check" className="mt-0.5 size-4 shrink-0 text-brand-600" />
            {t.passwordChanged}
          </p>
        ) : (
          <>
            <Field
              id="current-password"
              label={t.currentPasswordLabel}
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(event) => setCurrent(event.target.value)}
            />
            <Field
              id="new-password"
              label={t.newPasswordLabel}
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              hint={t.passwordRules(MIN_PASSWORD_LENGTH)}
              value={next}
              onChange={(event) => setNext(event.target.value)}
            />
            {failure && <FormError text={failureText(failure, t, MIN_PASSWORD_LENGTH)} />}
            <SubmitButton
              busy={busy}
              label={t.changePassword}
              busyLabel={t.working}
              testId="change-password-submit"
            />
          </>
        )}
      </form>
    </dialog>
  );
}
