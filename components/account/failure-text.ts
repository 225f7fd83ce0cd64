import type { Dictionary } from "@/components/i18n/en";
import type { AccountFailure } from "@/lib/chat-client/account-api";

/** What a page says for a failed account request. */
export function failureText(failure: AccountFailure, t: Dictionary, minPassword: number): string {
  switch (failure.kind) {
    case "wrongCredentials":
      return t.wrongCredentials;
    case "wrongCurrentPassword":
      return t.wrongCurrentPassword;
    case "signUpClosed":
      return t.signUpClosed;
    case "passwordTooShort":
      return t.passwordTooShort(minPassword);
    case "invalidEmail":
      return t.invalidEmail;
    case "tooMany":
      return t.tooManyAttempts(failure.seconds);
    case "offline":
      return t.serverUnreachable;
    case "failed":
      return t.serverFailed(failure.status);
  }
}
