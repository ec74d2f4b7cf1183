// `/cgu/engagements` is built from the tests tagged `// CGU art. N` (site/src/lib/engagements.ts):
// every article of the terms in force must have at least one test that proves it, every tag must
// sit on a real test and name an article that exists, and every article has its features listed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FEATURES, findProvingTests } from "../../site/src/lib/engagements.ts";

const CGU_DIR = join(process.cwd(), "site/src/content/cgu");

/** The article numbers of the version in force today (frontmatter read as the site reads it). */
function articlesInForce(now = new Date()): number[] {
	const versions = readdirSync(CGU_DIR)
		.filter((name) => name.endsWith(".md"))
		.map((name) => readFileSync(join(CGU_DIR, name), "utf8"))
		.map((text) => ({
			text,
			demo: /^demo:\s*true\s*$/m.test(text),
			effective: new Date(/^effectiveDate:\s*(\S+)\s*$/m.exec(text)?.[1] ?? "9999-12-31"),
		}))
		.filter((version) => !version.demo && version.effective <= now)
		.sort((a, b) => a.effective.getTime() - b.effective.getTime());
	const inForce = versions.at(-1);
	if (!inForce) throw new Error("no version of the terms in force");
	return [...inForce.text.matchAll(/^## Article (\d+)\b/gm)].map((match) => Number(match[1]));
}

describe("the terms kept in public (/cgu/engagements)", () => {
	const tests = findProvingTests();
	const articles = articlesInForce();

	it("reads the nine articles of the terms in force", () => {
		expect(articles).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});

	it("has at least one test proving each article", () => {
		const without = articles.filter((number) => (tests.get(number) ?? []).length === 0);
		expect(without, `articles without a test tagged « // CGU art. N »: ${without.join(", ")}`).toEqual([]);
	});

	it("tags only articles that exist, and lists what keeps each one", () => {
		expect([...tests.keys()].filter((number) => !articles.includes(number))).toEqual([]);
		for (const number of articles)
			expect((FEATURES[number] ?? []).length, `article ${number}`).toBeGreaterThan(0);
	});

	it("reads the title of each tagged test from the line below its tag", () => {
		const eight = tests.get(8) ?? [];
		expect(eight).toContainEqual({
			file: "edge/routes/donnees/export.test.tsx",
			title: "holds nothing of member 1000000002",
		});
	});
});
