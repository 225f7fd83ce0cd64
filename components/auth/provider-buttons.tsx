"use client";

import { useEffect, useState } from "react";
import { useT } from "@/components/i18n/locale-provider";
import { Icon } from "@/components/ui/icons";
import type { SignInButton } from "@/lib/auth/sign-in-buttons";

// "Continue with GitHub / Google / <OIDC_NAME>": one button per provider the server turned on
// (enabledSignInButtons, read by the sign-in page on the server). A click asks Better Auth for the
// provider's authorization URL and goes there; the provider sends the person back to Better Auth's
// callback, which returns them to `callbackURL`, or to this page with `?error=` when it failed.

type Problem = "start" | "notLinked" | "failed";

async function authorizationUrl(provider: string, callbackURL: string): Promise<string | undefined> {
  try {
    const response = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        provider,
        callbackURL,
        errorCallbackURL: window.location.pathname,
      }),
    });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    if (typeof body === "object" && body !== null && "url" in body && typeof body.url === "string") {
      return body.url;
    }
  } catch {
    // offline, or not JSON: the same "could not start" below
  }
  return undefined;
}

/** What Better Auth's callback put in `?error=` when it sent the person back here. */
function returnedProblem(): Problem | undefined {
  const error = new URLSearchParams(window.location.search).get("error");
  if (!error) return undefined;
  return error === "account_not_linked" ? "notLinked" : "failed";
}

export function ProviderButtons({
  buttons,
  callbackURL = "/",
}: {
  buttons: SignInButton[];
  callbackURL?: string;
}) {
  const t = useT();
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  // The server's HTML has the buttons before React can handle a click: until then they are
  // disabled, not silently dead.
  const [hydrated, setHydrated] = useState(false);

  useEffect(() => {
    setHydrated(true);
    setProblem(returnedProblem());
  }, []);

  if (buttons.length === 0) return null;

  const start = async (provider: string) => {
    if (busy) return;
    setBusy(provider);
    setProblem(undefined);
    const url = await authorizationUrl(provider, callbackURL);
    if (url) {
      window.location.assign(url);
      return;
    }
    setProblem("start");
    setBusy(undefined);
  };

  const problemText = {
    start: t.providerStartFailed,
    notLinked: t.providerNotLinked,
    failed: t.providerFailed,
  };

  return (
    <div data-testid="provider-buttons" className="mt-6 flex flex-col gap-2">
      <p className="text-center text-neutral-500 text-xs dark:text-neutral-400">{t.signInWith}</p>
      {buttons.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          data-testid={`provider-${id}`}
          disabled={!hydrated || busy !== undefined}
          aria-busy={busy === id || undefined}
          onClick={() => start(id)}
          className="inline-flex h-10 w-full items-center justify-center gap-2 rounded-xl border border-neutral-300 font-medium text-sm transition-colors hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2 disabled:opacity-70 dark:border-neutral-700 dark:hover:bg-neutral-800"
        >
          {busy === id && <Icon name="spinner" />}
          {busy === id ? t.providerRedirecting : t.continueWith(label)}
        </button>
      ))}
      {problem && (
        <p
          role="alert"
          data-testid="provider-error"
          data-kind={problem}
          className="flex items-start gap-1.5 text-red-700 text-sm dark:text-red-300"
        >
          <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
          {problemText[problem]}
        </p>
      )}
    </div>
  );
}
