"use client";

import type { InputHTMLAttributes, ReactNode } from "react";
import { Icon } from "@/components/ui/icons";

// The pieces every account form shares, in the access-code page's look (app/login).

export const CARD =
  "w-full max-w-sm rounded-2xl border border-neutral-200 p-6 shadow-sm dark:border-neutral-800";
export const PRIMARY_BUTTON =
  "inline-flex h-10 w-full items-center justify-center gap-2 rounded-xl bg-brand-600 font-medium text-sm text-white transition-colors hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500 focus-visible:outline-offset-2 disabled:opacity-70";
export const SECONDARY_BUTTON =
  "inline-flex h-9 items-center justify-center gap-2 rounded-xl border border-neutral-300 px-3 font-medium text-sm transition-colors hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-70 dark:border-neutral-700 dark:hover:bg-neutral-800";

export function CardTitle({ id, title, intro }: { id: string; title: string; intro: string }) {
  return (
    <>
      <Icon name="logo" className="size-10 text-brand-600 dark:text-brand-300" />
      <h1 id={id} className="mt-4 font-semibold text-xl">
        {title}
      </h1>
      <p className="mt-1 text-neutral-600 text-sm dark:text-neutral-400">{intro}</p>
    </>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  hint?: ReactNode;
}

export function Field({ id, label, hint, ...input }: FieldProps) {
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block font-medium text-sm">
        {label}
      </label>
      <input
        id={id}
        {...input}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-1.5 block h-10 w-full rounded-xl border border-neutral-300 bg-white px-3 text-sm transition-colors focus:border-brand-500 focus:outline-2 focus:outline-brand-500/30 aria-invalid:border-red-500 dark:border-neutral-700 dark:bg-neutral-900"
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-neutral-500 text-xs dark:text-neutral-400">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The address field both sign-in forms ask for first. */
export function EmailField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field
      id="email"
      label={label}
      type="email"
      autoComplete="email"
      required
      data-testid="email-input"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** "No account yet? Sign up" under one form, leading to the other. */
export function SwitchLink({
  question,
  label,
  href,
  testId,
}: {
  question: string;
  label: string;
  href: string;
  testId: string;
}) {
  return (
    <p className="mt-4 text-center text-neutral-600 text-sm dark:text-neutral-400">
      {question}{" "}
      <a
        href={href}
        data-testid={testId}
        className="font-medium text-brand-700 hover:underline dark:text-brand-300"
      >
        {label}
      </a>
    </p>
  );
}

export function FormError({ text, testId = "account-error" }: { text: string; testId?: string }) {
  return (
    <p
      role="alert"
      data-testid={testId}
      className="mt-3 flex items-start gap-1.5 text-red-700 text-sm dark:text-red-300"
    >
      <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
      {text}
    </p>
  );
}

export function SubmitButton({
  busy,
  label,
  busyLabel,
  testId,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  testId: string;
}) {
  return (
    <button type="submit" data-testid={testId} disabled={busy} className={`mt-5 ${PRIMARY_BUTTON}`}>
      {busy && <Icon name="spinner" />}
      {busy ? busyLabel : label}
    </button>
  );
}
