import type { ButtonHTMLAttributes, ReactNode } from "react";

// A square button that shows only an icon: `label` becomes its accessible name and its tooltip.

interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "aria-label"> {
  label: string;
  children: ReactNode;
  size?: "sm" | "md";
}

export function IconButton({ label, children, size = "md", className = "", ...props }: IconButtonProps) {
  const box = size === "sm" ? "size-7" : "size-9";
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={`inline-flex ${box} shrink-0 items-center justify-center rounded-lg text-neutral-500 transition-colors hover:bg-neutral-100 hover:text-neutral-900 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:pointer-events-none disabled:opacity-40 dark:text-neutral-400 dark:hover:bg-neutral-800 dark:hover:text-neutral-100 ${className}`}
      {...props}
    >
      {children}
    </button>
  );
}
