// How money and shares read, in the UI and in exported Markdown alike.

const wholeMoney = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const smallMoney = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 2 });

/**
 * $1.23 or ¥0.0022: cents from a unit up, two significant digits below it, since one answer
 * costs a fraction of a cent and "$0.00" would say nothing. Never in exponent form.
 */
export function formatMoney(amount: number, currency: "usd" | "cny"): string {
  const symbol = currency === "usd" ? "$" : "¥";
  if (amount === 0) return `${symbol}0`;
  return `${symbol}${(amount >= 1 ? wholeMoney : smallMoney).format(amount)}`;
}

/** 0.634 → "63%"; a share above zero never rounds down to "0%". */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.005) return "<1%";
  return `${Math.round(share * 100)}%`;
}
