"use client";

import { type FormEvent, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { type AccountFailure, changePassword } from "@/lib/chat-client/account-api";
import { failureText } from "./failure-text";
import { Field, FormError, SubmitButton } from "./form-parts";

/** Changing the password; the library then ends every other session of the account. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AccountFailure | undefined>();
  const [done, setDone] = useState(false);

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
    <ModalDialog
      testId="change-password-dialog"
      titleId="change-password-title"
      title={t.changePassword}
      size="md"
      spaced={false}
      onClose={onClose}
    >
      {done ? (
        <p data-testid="password-changed" className="mt-4 flex items-start gap-1.5 text-sm">
          <Icon name="check" className="mt-0.5 size-4 shrink-0 text-brand-600" />
          {t.passwordChanged}
        </p>
      ) : (
        <form onSubmit={submit}>
          <PasswordFields current={current} next={next} onCurrent={setCurrent} onNext={setNext} />
          {failure && <FormError text={failureText(failure, t, MIN_PASSWORD_LENGTH)} />}
          <SubmitButton
            busy={busy}
            label={t.changePassword}
            busyLabel={t.working}
            testId="change-password-submit"
          />
        </form>
      )}
    </ModalDialog>
  );
}

interface PasswordFieldsProps {
  current: string;
  next: string;
  onCurrent: (value: string) => void;
  onNext: (value: string) => void;
}

function PasswordFields({ current, next, onCurrent, onNext }: PasswordFieldsProps) {
  const t = useT();
  return (
    <>
      <Field
        id="current-password"
        label={t.currentPasswordLabel}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(event) => onCurrent(event.target.value)}
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
        onChange={(event) => onNext(event.target.value)}
      />
    </>
  );
}
