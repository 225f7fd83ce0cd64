// Runs before first paint so a dark-mode reader never sees a white flash, and screen readers get the
// right `lang` at once. It reads what savePreference("theme" | "locale") stored: JSON strings under
// the "deepseek-chat:" prefix. Kept tiny and dependency-free: it is inlined into every page.
const source = `(function(){var d=document.documentElement;function p(k){try{return JSON.parse(localStorage.getItem("deepseek-chat:"+k))}catch(e){return null}}var t=p("theme");var k=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);d.classList.toggle("dark",k);var l=p("locale")||(navigator.language||"").slice(0,2).toLowerCase();d.lang=l==="zh"?"zh-CN":"en"})()`;

/** `nonce`: the page's CSP nonce (proxy.ts); without it the browser refuses to run the script. */
export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a fixed string, no user input.
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: source }} />;
}
