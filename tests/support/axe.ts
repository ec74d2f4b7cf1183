// axe-core in the page under test. The script is evaluated through the DevTools protocol, which
// the page's strict CSP (no inline script) does not block, so the CSP stays as in production.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
	readonly id: string;
	readonly impact: string | null;
	readonly help: string;
	readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core with the WCAG 2.x A/AA rules (RGAA 4.1 maps onto them) and returns violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	await page.evaluate(axeSource);
	return page.evaluate(async () => {
		const axe = (
			globalThis as unknown as {
				axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
			}
		).axe;
		const result = await axe.run(document, {
			runOnly: {
				type: "tag",
				values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
			},
		});
		return result.violations.map((violation) => ({
			id: violation.id,
			impact: violation.impact,
			help: violation.help,
			nodes: violation.nodes.map((node) => ({ target: node.target })),
		}));
	});
}

export function describeViolations(violations: readonly AxeViolation[]): string {
	return violations
		.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
		.join("\n");
}
