"use client";

import { createContext, type ReactNode, useContext } from "react";

// Who is signed in, in accounts mode (the page read it from the proxy's lookup); null otherwise.

export interface SignedInAccount {
  name: string;
  email: string;
  role: "admin" | "user";
}

const AccountContext = createContext<SignedInAccount | null>(null);

export function AccountProvider({
  account,
  children,
}: {
  account: SignedInAccount | null;
  children: ReactNode;
}) {
  return <AccountContext.Provider value={account}>{children}</AccountContext.Provider>;
}

export function useAccount(): SignedInAccount | null {
  return useContext(AccountContext);
}
