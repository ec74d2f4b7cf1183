import { describe, expect, it } from "vitest";
import { buildLink, isUnderPublicUrl } from "./links.ts";

const publicUrl = new URL("https://espace.mutuelle.example/portail/");

describe("buildLink", () => {
	it("joins a path to the public URL, keeping its base path, query and fragment", () => {
		expect(buildLink(publicUrl, "/cgu/2.0?vue=diff#article-7").href).toBe(
			"https://espace.mutuelle.example/portail/cgu/2.0?vue=diff#article-7",
		);
		expect(buildLink(new URL("https://espace.mutuelle.example/portail"), "/cgu").href).toBe(
			"https://espace.mutuelle.example/portail/cgu",
		);
		expect(buildLink(new URL("http://localhost:4321"), "/").href).toBe("http://localhost:4321/");
	});

	it("keeps a trailing slash", () => {
		expect(buildLink(publicUrl, "/adherent/releves/").pathname).toBe("/portail/adherent/releves/");
	});

	it("stays on the public host for a protocol-relative or backslashed path", () => {
		expect(buildLink(publicUrl, "//evil.example/x").href).toBe(
			"https://espace.mutuelle.example/portail/evil.example/x",
		);
		expect(buildLink(publicUrl, "/\\evil.example\\x").href).toBe(
			"https://espace.mutuelle.example/portail/evil.example/x",
		);
		expect(buildLink(publicUrl, "https://evil.example/x").origin).toBe(publicUrl.origin);
	});

	it("drops dot segments, encoded or not, so a path cannot climb above the base path", () => {
		for (const path of ["/../../x", "/a/../../../x", "/%2e%2e/%2E%2e/x", "/.%2e/./x"]) {
			const url = buildLink(publicUrl, path);
			expect(url.pathname.startsWith("/portail/"), path).toBe(true);
			expect(url.pathname.endsWith("/x"), path).toBe(true);
		}
	});

	it("percent-encodes characters that would break out of an attribute or a line", () => {
		const url = buildLink(publicUrl, '/a b"<c>');
		expect(url.href).toBe("https://espace.mutuelle.example/portail/a%20b%22%3Cc%3E");
	});

	it("refuses a public URL that is not http(s)", () => {
		expect(() => buildLink(new URL("javascript:alert(1)"), "/")).toThrow();
	});
});

describe("isUnderPublicUrl", () => {
	it("accepts the public URL and what is under it, nothing beside it", () => {
		expect(isUnderPublicUrl(new URL("https://espace.mutuelle.example/portail/"), publicUrl)).toBe(true);
		expect(isUnderPublicUrl(new URL("https://espace.mutuelle.example/portail/cgu"), publicUrl)).toBe(true);
		expect(isUnderPublicUrl(new URL("https://espace.mutuelle.example/portailx/cgu"), publicUrl)).toBe(false);
		expect(isUnderPublicUrl(new URL("https://espace.mutuelle.example.evil/portail/"), publicUrl)).toBe(false);
		expect(isUnderPublicUrl(new URL("http://espace.mutuelle.example/portail/"), publicUrl)).toBe(false);
	});
});
