// `npm run audit:rgaa`: the automated part of the RGAA 4.1 audit, run by hand (never in `npm
// test`: it visits every page twice). It starts the end-to-end portal (site built for tests, the
// demo population seeded), signs in as each space's demo account, and runs axe-core in Chromium on
// every page of every space at 320 px and at a 200 % zoom (a 1280 px window zoomed 200 %: 640 CSS
// px at 2 device pixels per px), also noting content wider than the screen. Pages behind a
// parameter are reached by following the first matching link of their list. The results go to
// docs/accessibilite/audit-rgaa.json and .md; the declaration (site/src/pages/accessibilite.astro)
// is written from them.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { createApp } from "../../edge/app.tsx";
import { ensureSiteBuilt, SITE_OUT_DIR } from "../../scripts/site-build.ts";
import { type AxeViolation, axeViolations } from "../support/axe.ts";
import { ensureChromium, launchChromium } from "../support/chromium.ts";
import { signInEmployerInBrowser } from "../support/employer-testing.ts";
import { newestSignInCode } from "../support/mailbox.ts";
import { practiceTotpForServer } from "../support/practice.ts";
import { createTestDeps } from "../support/test-deps.ts";
import { startTestPortal } from "../support/test-portal.ts";

const root = resolve(import.meta.dirname, "../..");
const NOT_PAGES =
	/^\/(healthz|readyz|dev\/|api\/)|\.(pdf|csv|json)|\.pdf\}$|\*|\.js$|\.css$|\.geojson$|^\/compte\/donnees\/export$|\/demande$|^\/compte\/donnees\/archives\/:archive$/;
const ANONYMOUS =
	/^\/(connexion|inscription|mot-de-passe-oublie|signalement|compte\/activer|compte\/email\/confirm)/;
/** A list page and the pattern of the links that lead to a page behind a parameter. */
const FOLLOW: readonly { readonly from: string; readonly link: RegExp }[] = [
	{ from: "/adherent/remboursements", link: /^\/adherent\/remboursements\/\d+$/ },
	{ from: "/adherent/releves", link: /^\/adherent\/releves\/\d+$/ },
	{ from: "/adherent/beneficiaires", link: /^\/adherent\/beneficiaires\/\d+\/retrait$/ },
	{ from: "/adherent/reclamations", link: /^\/adherent\/reclamations\/\d+$/ },
	{ from: "/reseau?q=44000", link: /^\/reseau\/professionnels\/\d+$/ },
	{ from: "/professionnel/factures", link: /^\/professionnel\/factures\/\d+$/ },
	{ from: "/professionnel/paiements", link: /^\/professionnel\/paiements\/\d+$/ },
	{ from: "/employeur/salaries", link: /^\/employeur\/salaries\/\d+$/ },
	{ from: "/employeur/bordereaux", link: /^\/employeur\/bordereaux\/\d+$/ },
	{ from: "/compte/donnees/demandes", link: /^\/compte\/donnees\/demandes\/\d+$/ },
	{ from: "/gestion/comptes?q=1000000001", link: /^\/gestion\/comptes\/\d{10}$/ },
	{ from: "/gestion/demandes", link: /^\/gestion\/demandes\/\d+$/ },
];

interface PageResult {
	readonly path: string;
	readonly space: string;
	readonly status: number;
	readonly mode: "320px" | "zoom200";
	readonly violations: readonly AxeViolation[];
	readonly overflow: boolean;
}

function publicPaths(siteDir: string): string[] {
	return readdirSync(siteDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
		.map((entry) => `/${relative(siteDir, join(entry.parentPath, entry.name)).split(sep).join("/")}`)
		.map((path) => (path === "/index.html" ? "/" : path.replace(/\.html$/, "")))
		.filter((path) => path !== "/404")
		.sort();
}

function dynamicPages(): string[] {
	const app = createApp(createTestDeps());
	const pages = new Set<string>();
	for (const route of app.routes)
		if (route.method === "GET" && !NOT_PAGES.test(route.path)) pages.add(route.path);
	return [...pages].sort();
}

async function signIn(
	browser: Browser,
	baseUrl: string,
	account: { identifier: string; password: string },
	code: () => Promise<string>,
	landing: RegExp,
): Promise<BrowserContext> {
	const context = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`${baseUrl}/connexion`);
	await page.getByLabel("Identifiant").fill(account.identifier);
	await page.getByLabel("Mot de passe").fill(account.password);
	await page.getByRole("button", { name: "Se connecter" }).click();
	await page.waitForURL(/\/connexion\/verification/);
	await page.getByLabel("Code de vérification").fill(await code());
	await page.getByRole("button", { name: "Valider" }).click();
	await page.waitForURL(landing);
	await page.close();
	return context;
}

async function main(): Promise<void> {
	ensureChromium();
	await ensureSiteBuilt(root, "test");
	const siteDir = join(root, SITE_OUT_DIR);
	const portal = await startTestPortal({ siteDir, publicHost: "127.0.0.1", scale: 1 });
	const baseUrl = portal.config.publicUrl.origin;
	const browser = await launchChromium();
	try {
		const anonymous = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
		const member = await signIn(
			browser,
			baseUrl,
			DEMO_ACCOUNTS.adherent1,
			() => newestSignInCode(baseUrl, DEMO_ACCOUNTS.adherent1.email),
			/\/(adherent|compte\/cgu)/,
		);
		const practice = await signIn(
			browser,
			baseUrl,
			DEMO_ACCOUNTS.professionnel2,
			() =>
				practiceTotpForServer(
					portal.config.database.url,
					DEMO_ACCOUNTS.professionnel2.identifier,
					portal.serverClockOffsetMs,
				),
			/\/professionnel/,
		);
		const staff = await signIn(
			browser,
			baseUrl,
			DEMO_ACCOUNTS.gestionnaire1,
			() => newestSignInCode(baseUrl, DEMO_ACCOUNTS.gestionnaire1.email),
			/\/(gestion|compte\/cgu)/,
		);
		const employer = await browser.newContext({ locale: "fr-FR", javaScriptEnabled: false });
		const employerPage = await employer.newPage();
		await signInEmployerInBrowser(employerPage, baseUrl, portal.config.database.url, "employeur2");
		await employerPage.close();
		const spaceOf = (path: string) =>
			path.startsWith("/employeur")
				? "employeur"
				: path.startsWith("/professionnel")
					? "professionnel"
					: path.startsWith("/gestion")
						? "gestionnaire"
						: path.startsWith("/adherent") || path.startsWith("/compte")
							? "adherent"
							: "public";
		const contextOf = (path: string): BrowserContext =>
			({ employeur: employer, professionnel: practice, gestionnaire: staff, adherent: member })[
				spaceOf(path) as "adherent"
			] ?? anonymous;

		const paths = new Set<string>(publicPaths(siteDir));
		for (const pattern of dynamicPages()) if (!pattern.includes(":")) paths.add(pattern);
		for (const { from, link } of FOLLOW) {
			const page = await contextOf(from).newPage();
			await page.goto(`${baseUrl}${from}`);
			const hrefs = await page.$$eval("a[href]", (links) => links.map((a) => a.getAttribute("href") ?? ""));
			const href = hrefs.find((candidate) => link.test(candidate));
			if (href) paths.add(href);
			await page.close();
		}

		// Spaces interleaved, and the report written after each page: an audit cut short (a slow
		// machine) still reports, on every space, the pages it did visit.
		const bySpace = new Map<string, string[]>();
		for (const path of [...paths].sort()) {
			const space = ANONYMOUS.test(path) ? "public" : spaceOf(path);
			bySpace.set(space, [...(bySpace.get(space) ?? []), path]);
		}
		const ordered: string[] = [];
		for (let i = 0; ordered.length < paths.size; i++)
			for (const list of bySpace.values()) if (list[i] !== undefined) ordered.push(list[i] as string);
		const results: PageResult[] = [];
		for (const path of ordered) {
			const context = ANONYMOUS.test(path) ? anonymous : contextOf(path);
			for (const mode of ["320px", "zoom200"] as const) {
				// axe-core runs in the page: a context with JavaScript, sharing the session's cookies.
				const audited = await browser.newContext({
					locale: "fr-FR",
					viewport: mode === "320px" ? { width: 320, height: 740 } : { width: 640, height: 400 },
					deviceScaleFactor: mode === "320px" ? 1 : 2,
					storageState: await context.storageState(),
				});
				const page = await audited.newPage();
				const response = await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
				const violations = await axeViolations(page);
				const overflow = await page.evaluate(
					() => document.documentElement.scrollWidth > document.documentElement.clientWidth,
				);
				results.push({
					path,
					space: ANONYMOUS.test(path) ? "public" : spaceOf(path),
					status: response?.status() ?? 0,
					mode,
					violations,
					overflow,
				});
				await audited.close();
			}
			writeReport(results, paths.size);
		}
	} finally {
		await browser.close();
		await portal.close();
	}
}

function writeReport(results: readonly PageResult[], total: number): void {
	const dir = join(root, "docs", "accessibilite");
	mkdirSync(dir, { recursive: true });
	const date = new Date().toISOString().slice(0, 10);
	writeFileSync(join(dir, "audit-rgaa.json"), `${JSON.stringify({ date, total, results }, null, "\t")}\n`);
	const pages = new Set(results.map((result) => result.path));
	const failing = results.filter((result) => result.violations.length > 0 || result.overflow);
	const byRule = new Map<string, { help: string; impact: string | null; pages: Set<string> }>();
	for (const result of results)
		for (const violation of result.violations) {
			const entry = byRule.get(violation.id) ?? {
				help: violation.help,
				impact: violation.impact,
				pages: new Set(),
			};
			entry.pages.add(`${result.path} (${result.mode})`);
			byRule.set(violation.id, entry);
		}
	const lines = [
		`# Audit automatisé RGAA 4.1 – ${date}`,
		"",
		"Produit par `npm run audit:rgaa` (tests/audit/rgaa-audit.ts) : axe-core (règles WCAG 2.x A et AA) dans Chromium,",
		"sur chaque page de chaque espace, à 320 px de large et avec un zoom de 200 %.",
		"",
		`- Pages visitées : ${pages.size} sur ${total} (${results.length} passages)`,
		`- Statuts HTTP autres que 200 : ${results.filter((r) => r.status !== 200).length}`,
		`- Passages avec au moins une violation ou un débordement horizontal : ${failing.length}`,
		"",
		"## Violations par règle",
		"",
		...(byRule.size === 0
			? ["Aucune."]
			: [...byRule].map(
					([id, entry]) =>
						`- \`${id}\` (${entry.impact ?? "?"}) : ${entry.help} — ${[...entry.pages].join(", ")}`,
				)),
		"",
		"## Débordements horizontaux",
		"",
		...(results.some((r) => r.overflow)
			? results.filter((r) => r.overflow).map((r) => `- ${r.path} (${r.mode})`)
			: ["Aucun."]),
		"",
		"## Pages",
		"",
		...[...pages].sort().map((path) => {
			const rows = results.filter((r) => r.path === path);
			return `- ${path} [${rows[0]?.space}] : ${rows.map((r) => `${r.mode} ${r.status} ${r.violations.length} violation(s)${r.overflow ? ", déborde" : ""}`).join(" ; ")}`;
		}),
		"",
	];
	writeFileSync(join(dir, "audit-rgaa.md"), lines.join("\n"));
	process.stdout.write(
		`${pages.size} pages, ${failing.length} passages with a problem: docs/accessibilite/audit-rgaa.md\n`,
	);
}

await main();
