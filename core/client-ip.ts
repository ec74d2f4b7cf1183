// Client addresses as throttling keys, never in clear: an IP address is personal data, and the
// sign-in throttles, rate limits and audit trail only need to tell clients apart. The key is a
// keyed hash (HMAC-SHA-256 with a server secret), so that the 2^32 IPv4 addresses cannot be
// enumerated back from a stolen table. IPv6 clients usually hold a whole /64 and can rotate
// within it, so they are keyed by their /64; IPv4-mapped IPv6 addresses are keyed as IPv4.
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

const KEY_LENGTH = 32;
const encoder = new TextEncoder();

function parseIpv4(text: string): number[] | null {
	const parts = text.split(".");
	if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
	const octets = parts.map(Number);
	return octets.every((octet) => octet <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address, with "::" and a dotted IPv4 tail expanded. */
function parseIpv6(text: string): number[] | null {
	let body = text;
	const lastColon = body.lastIndexOf(":");
	if (lastColon >= 0 && body.includes(".", lastColon)) {
		const v4 = parseIpv4(body.slice(lastColon + 1));
		if (!v4) return null;
		const [a = 0, b = 0, c = 0, d = 0] = v4;
		body = `${body.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const halves = body.split("::");
	if (halves.length > 2) return null;
	const toGroups = (half: string | undefined): number[] | null => {
		if (!half) return [];
		const groups = half.split(":");
		if (groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
		return groups.map((group) => Number.parseInt(group, 16));
	};
	const head = toGroups(halves[0]);
	const tail = toGroups(halves[1]);
	if (!head || !tail) return null;
	const known = head.length + tail.length;
	if (halves.length === 1 ? known !== 8 : known > 7) return null;
	return [...head, ...Array<number>(8 - known).fill(0), ...tail];
}

/**
 * The canonical form of an address: dotted IPv4 (also for ::ffff:a.b.c.d), the /64 prefix of an
 * IPv6 address ("2001:db8:0:1::/64"), "unknown" without one, and anything unparseable as is.
 */
export function normaliseIp(ip: string | undefined): string {
	const trimmed = (ip ?? "").trim().toLowerCase();
	if (trimmed === "") return "unknown";
	// "[2001:db8::1]:443" and "2001:db8::1%eth0" (zone ids) as some proxies write them.
	const unbracketed = trimmed.replace(/^\[([^\]]+)\](:\d+)?$/, "$1").replace(/%.*$/, "");
	const v4 = parseIpv4(unbracketed.replace(/:\d+$/, ""));
	if (v4) return v4.join(".");
	const groups = parseIpv6(unbracketed);
	if (!groups) return unbracketed;
	const isMapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
	if (isMapped) {
		const [high = 0, low = 0] = groups.slice(6);
		return [high >> 8, high & 255, low >> 8, low & 255].join(".");
	}
	return `${groups
		.slice(0, 4)
		.map((group) => group.toString(16))
		.join(":")}::/64`;
}

/** The throttling key of a client: HMAC-SHA-256 of its canonical address, 32 hex characters. */
export function ipKey(ip: string | undefined, secret: string): string {
	// An empty key would turn the keyed hash into a plain, reversible one: fail loudly.
	if (secret === "") throw new Error("ipKey needs a non-empty secret");
	const mac = hmac(SHA256, encoder.encode(secret), encoder.encode(normaliseIp(ip)));
	return encodeHexLowerCase(mac).slice(0, KEY_LENGTH);
}
