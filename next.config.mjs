// The Content-Security-Policy is not here: a page's must carry a nonce that is new for every
// request, so proxy.ts sets it (lib/http/content-security-policy.ts), on API answers too. These are
// the same for every response.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The MCP SDK spawns processes and opens sockets; keep it out of the server bundle.
  serverExternalPackages: ["@modelcontextprotocol/sdk"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
