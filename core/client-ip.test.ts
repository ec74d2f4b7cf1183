import { describe, expect, it } from "vitest";
import { ipKey, normaliseIp } from "./client-ip.ts";

const SECRET = "test-secret-of-at-least-32-characters";

describe("client IP keys", () => {
	it("is a 32-character hex keyed hash that never contains the address", () => {
		const key = ipKey("203.0.113.7", SECRET);
		expect(key).toMatch(/^[0-9a-f]{32}$/);
		expect(key).not.toContain("203");
		expect(ipKey("203.0.113.7", SECRET)).toBe(key);
	});

	it("depends on the secret, so a table of keys cannot be reversed without it", () => {
		expect(ipKey("203.0.113.7", `${SECRET}x`)).not.toBe(ipKey("203.0.113.7", SECRET));
		expect(() => ipKey("203.0.113.7", "")).toThrow();
	});

	it("tells different IPv4 addresses apart", () => {
		expect(ipKey("203.0.113.7", SECRET)).not.toBe(ipKey("203.0.113.8", SECRET));
	});

	it("keys an IPv6 address by its /64, whatever the interface part", () => {
		expect(normaliseIp("2001:DB8:0:1:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:0:1::/64");
		expect(ipKey("2001:db8:0:1::1", SECRET)).toBe(ipKey("2001:0db8:0000:0001:ffff:1:2:3", SECRET));
		expect(ipKey("2001:db8:0:1::1", SECRET)).not.toBe(ipKey("2001:db8:0:2::1", SECRET));
		expect(normaliseIp("::1")).toBe("0:0:0:0::/64");
		expect(normaliseIp("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
		expect(normaliseIp("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
	});

	it("keys an IPv4-mapped IPv6 address as the IPv4 address", () => {
		expect(normaliseIp("::ffff:203.0.113.7")).toBe("203.0.113.7");
		expect(normaliseIp("::FFFF:cb00:7107")).toBe("203.0.113.7");
		expect(normaliseIp("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
		expect(ipKey("::ffff:203.0.113.7", SECRET)).toBe(ipKey("203.0.113.7", SECRET));
	});

	it("normalises spaces, ports and leading zeros of IPv4", () => {
		expect(normaliseIp(" 203.0.113.7 ")).toBe("203.0.113.7");
		expect(normaliseIp("203.0.113.7:8080")).toBe("203.0.113.7");
		expect(normaliseIp("203.000.113.007")).toBe("203.0.113.7");
	});

	it("groups missing addresses under one key and keeps garbage apart from real addresses", () => {
		expect(normaliseIp(undefined)).toBe("unknown");
		expect(normaliseIp("  ")).toBe("unknown");
		expect(ipKey(undefined, SECRET)).toBe(ipKey("", SECRET));
		expect(normaliseIp("999.1.1.1")).toBe("999.1.1.1");
		expect(normaliseIp("1::2::3")).toBe("1::2::3");
		expect(normaliseIp("1:2:3:4:5:6:7:8:9")).toBe("1:2:3:4:5:6:7:8:9");
		expect(ipKey("999.1.1.1", SECRET)).toMatch(/^[0-9a-f]{32}$/);
	});
});
