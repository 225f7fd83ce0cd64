import { describe, expect, it } from "vitest";
import { publicOrigin } from "./public-origin";

// Where a share link points: PUBLIC_URL, else the address the browser used.

const at = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("publicOrigin", () => {
  it("is PUBLIC_URL's origin when set, whatever the request says", () => {
    const request = at("http://127.0.0.1:3000/api/shares", { host: "127.0.0.1:3000" });
    expect(publicOrigin(request, { PUBLIC_URL: "https://chat.example.org/some/path/" })).toBe(
      "https://chat.example.org",
    );
    expect(publicOrigin(request, { PUBLIC_URL: " https://chat.example.org:8443 " })).toBe(
      "https://chat.example.org:8443",
    );
  });

  it("is the requested host otherwise, over https when the browser came over https", () => {
    expect(publicOrigin(at("http://localhost:3000/x", { host: "192.168.1.20:3000" }), {})).toBe(
      "http://192.168.1.20:3000",
    );
    const proxied = at("http://localhost:3000/x", { host: "chat.lan", "x-forwarded-proto": "https" });
    expect(publicOrigin(proxied, {})).toBe("https://chat.lan");
  });

  it("takes X-Forwarded-Host only from a trusted proxy", () => {
    const headers = { host: "127.0.0.1:3000", "x-forwarded-host": "chat.example.org" };
    expect(publicOrigin(at("http://127.0.0.1:3000/x", headers), {})).toBe("http://127.0.0.1:3000");
    expect(publicOrigin(at("http://127.0.0.1:3000/x", headers), { TRUST_PROXY: "1" })).toBe(
      "http://chat.example.org",
    );
  });

  it("falls back to the request's own origin for a PUBLIC_URL or Host that is not an address", () => {
    const request = at("http://localhost:3000/x", { host: "bad host/?" });
    expect(publicOrigin(request, { PUBLIC_URL: "not a url" })).toBe("http://localhost:3000");
  });
});
