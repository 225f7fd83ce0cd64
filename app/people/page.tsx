import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { signedInAccountOf } from "@/lib/auth/request-account";

// The People page grew into the admin page (/admin); old links and bookmarks land there. Anyone
// but an admin still finds nothing here.

export const dynamic = "force-dynamic";

export default async function PeoplePage() {
  const account = signedInAccountOf(await headers());
  if (account?.role !== "admin") notFound();
  redirect("/admin");
}
