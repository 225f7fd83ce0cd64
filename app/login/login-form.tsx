"use client";

import { type FormEvent, useState } from "react";
import { useLocale } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import { type LoginText, loginText } from "./login-text";

type Failure =
  | { kind: "wrong" }
  | { kind: "tooMany"; seconds: number }
  | { kind: "offline" }
  | { kind: "failed"; status: number };

function failureText(failure: Failure, text: LoginText): string {
  switch (failure.kind) {
    case "wrong":
      return text.wrong;
    case "tooMany":
      return text.tooMany(failure.seconds);
    case "offline":
      return text.offline;
    case "failed":
      return text.failed(failure.status);
  }
}

async function signIn(code: string): Promise<Failure | undefined> {
  let response: Response;
  try {
    response = await fetch("/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
  } catch {
    return { kind: "offline" };
  }
  if (response.ok) return undefined;
  if (response.status === 401) return { kind: "wrong" };
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after"));
    return { kind: "tooMany", seconds: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60 };
  }
  return { kind: "failed", status: response.status };
}

/** The code, checked by /api/login (which sets the cookie); then on to `next`, a path on this site. */
export function LoginForm({ next }: { next: string }) {
  const { locale } = useLocale();
  const text = loginText[locale];
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || code.trim() === "") return;
    setBusy(true);
    setFailure(undefined);
    const result = await signIn(code);
    if (!result) {
      // A full load, so the proxy sees the new cookie; replace, so Back does not return here.
      window.location.replace(next);
      return;
    }
    setFailure(result);
    setBusy(false);
  };

  return (
    <form
      onSubmit={submit}
      data-testid="login-form"
      aria-labelledby="login-title"
      className="w-full max-w-sm rounded-2xl border border-neutral-200 p-6 shadow-sm dark:border-neutral-800"
    >
      <Icon name="logo" className="size-10 text-brand-600 dark:text-brand-300" />
      <h1 id="login-title" className="mt-4 font-semibold text-xl">
        {text.title}
      </h1>
      <p className="mt-1 text-neutral-600 text-sm dark:text-neutral-400">{text.intro}</p>
      <label htmlFor="access-code" className="mt-6 block font-medium text-sm">
        {text.label}
      </label>
      <input
        id="access-code"
        name="code"
        type="password"
        data-testid="access-code-input"
        autoComplete="current-password"
        // biome-ignore lint/a11y/noAutofocus: the page exists for this one field.
        autoFocus
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
        aria-invalid={failure?.kind === "wrong" ? true : undefined}
        aria-describedby={failure ? "login-error" : undefined}
        className="mt-1.5 block h-10 w-full rounded-xl border border-neutral-300 bg-white px-3 text-sm transition-colors focus:border-brand-500 focus:outline-2 focus:outline-brand-500/30 aria-invalid:border-red-500 dark:border-neutral-700 dark:bg-neutral-900"
      />
      {failure && (
        <p
          id="login-error"
          role="alert"
          data-testid="login-error"
          data-kind={failure.kind}
          className="mt-2 flex items-start gap-1.5 text-red-700 text-sm dark:text-red-300"
        >
          <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
          {failureText(failure, text)}
        </p>
      )}
      <button
        type="submit"
        data-testid="login-submit"
        disabled={busy}
        className="mt-5 inline-flex h-10 w-full items-center justify-center gap-2 rounded-xl bg-brand-600 font-medium text-sm text-white transition-colors hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2 disabled:opacity-70"
      >
        {busy && <Icon name="spinner" />}
        {busy ? text.checking : text.submit}
      </button>
      <p className="mt-4 text-center text-neutral-500 text-xs dark:text-neutral-400">{text.remember}</p>
    </form>
  );
}
