import { describe, expect, it } from "vitest";
import { addressRefusal } from "./address-policy";

describe("addressRefusal", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["127.255.0.9", /loopback/],
    ["10.1.2.3", /private/],
    ["172.16.0.1", /private/],
    ["192.168.1.20", /private/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["169.254.169.254", /link-local/],
    ["0.0.0.0", /unspecified/],
    ["0.1.2.3", /unspecified/],
    ["255.255.255.255", /broadcast/],
    ["224.0.0.1", /multicast/],
    ["192.0.2.1", /reserved/],
    ["240.0.0.1", /reserved/],
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["fe80::1", /link-local/],
    ["fc00::1", /unique local/],
    ["fd00:ec2::254", /unique local/],
    ["ff02::1", /multicast/],
    ["::ffff:127.0.0.1", /loopback/],
    ["::ffff:7f00:1", /loopback/],
    ["::ffff:169.254.169.254", /link-local/],
    ["::127.0.0.1", /loopback/],
    ["::ffff:10.0.0.1", /private/],
    ["64:ff9b::7f00:1", /loopback/],
    ["2002:7f00:1::", /6to4/],
    ["2001::1", /Teredo/],
  ])("refuses %s", (address, reason) => {
    expect(addressRefusal(address)).toMatch(reason);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:93.184.216.34"])(
    "lets %s through",
    (address) => {
      expect(addressRefusal(address)).toBeUndefined();
    },
  );

  it("refuses what is not an address at all", () => {
    expect(addressRefusal("example.com")).toBe("not an IP address");
  });
});
