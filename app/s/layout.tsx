import type { Metadata } from "next";
import type { ReactNode } from "react";

// Share pages (`/s/<id>`) stay out of search engines: the meta tag here, X-Robots-Tag from proxy.ts.

export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function ShareLayout({ children }: { children: ReactNode }) {
  return children;
}
