// The edge app in its production configuration (ESPACE_ENV=production, an https public address,
// a real pepper, a mail transport): every route of the app's own table answers something else
// than 404, protected pages and the API ask for a session, the development mailbox does not exist,
// and a member goes through every sub-app (sign-in, sign-up, password reset, account, adhérent
// pages, API). Until issue 9, no test ran the app in production, and a middleware of the
// development mailbox mounted without a path answered 404 for every dynamic page there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import { DEMO_ACCOUNTS } from "../demo/accounts.ts";
import { createSeededTestDatabase } from "../tests/support/demo.ts";
import { signInDemoEmployer } from "../tests/support/employer-testing.ts";
import { signInDemoPractice } from "../tests/support/practice.ts";
import {
	createTestApp,
	latestMail,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../tests/support/route-testing.ts";
import { productionTestEnv } from "../tests/support/test-deps.ts";
import type { App } from "./app.tsx";

const NOW = new Date("2026-11-26T09:00:00.000Z");
const PEPPER = "production-test-pepper-0123456789abcdef";
const ORIGIN = "https://espace.example.org";

let handle: DatabaseHandle;
let production: App;

beforeAll(async () => {
	handle = await createSeededTestDatabase({ scale: 1, seed: 42, pepper: PEPPER, now: NOW });
	production = createTestApp({
		db: handle.db,
		clock: () => NOW,
		pepper: PEPPER,
		env: productionTestEnv(PEPPER),
	});
}, 120_000);

afterAll(() => handle?.client.close());

/** A request as a browser on the production address sends it (the app checks the Origin of posts). */
function send(app: App, method: string, path: string, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	if (method !== "GET" && method !== "HEAD") {
		headers.set("Origin", ORIGIN);
		if (!headers.has("Content-Type")) headers.set("Content-Type", "application/x-www-form-urlencoded");
	}
	return Promise.resolve(app.request(new URL(path, ORIGIN).href, { ...init, method, headers }));
}

function form(fields: Record<string, string>): RequestInit {
	return { body: new URLSearchParams(fields).toString() };
}

/** Patterns whose "1" is a real 404 (no such object): a path of the seed that exists instead. */
const CONCRETE_PATHS: Readonly<Record<string, string>> = {
	// Professional 1 is the demo pharmacy, outside the Kalixia network; 2 is the demo optician.
	"/reseau/professionnels/:id{[0-9]{1,9}}": "/reseau/professionnels/2",
};

/** A concrete path for a route pattern: each parameter gets a value its pattern accepts. */
function concrete(pattern: string): string {
	const sample = CONCRETE_PATHS[pattern];
	if (sample) return sample;
	return pattern.replace(/:(\w+)(\{([^}]*)\})?/g, (_, _name: string, _braces, regex: string | undefined) =>
		regex?.includes("pdf") ? "1.pdf" : "1",
	);
}

/** Every (method, path) of the app's route table, middleware (method ALL) left out. */
function routeTable(app: App): { method: string; path: string }[] {
	const seen = new Set<string>();
	const routes: { method: string; path: string }[] = [];
	for (const { method, path } of app.routes) {
		if (method === "ALL" || seen.has(`${method} ${path}`)) continue;
		seen.add(`${method} ${path}`);
		routes.push({ method, path });
	}
	return routes;
}

const PROTECTED_PAGES =
	/^\/(adherent|employeur|professionnel|gestion|compte\/(cgu|securite|fermeture|email$|activite|alertes|cles-d-acces|donnees))(\/|\.|$)/;
// POST /api/v1/auth/cgu validates its body before the session (an empty body is a 400): not listed.
const PROTECTED_API = /^\/api\/v1\/(adherent\/|auth\/(me|sessions|sign-out))/;

describe("production mode: the route table", () => {
	it("answers every route of the table with something else than 404, and asks protected ones for a session", async () => {
		const routes = routeTable(production);
		expect(routes.length).toBeGreaterThan(90);
		const wrong: string[] = [];
		for (const { method, path } of routes) {
			if (path.startsWith("/dev/")) continue;
			// FranceConnect / Pro Santé Connect: 404 unless configured, as edge/routes/federation.test.tsx checks.
			if (path.startsWith("/connexion/:fournisseur")) continue;
			const url = concrete(path);
			// An empty body of the kind the route reads: JSON for the API, a form elsewhere.
			const body = url.startsWith("/api/")
				? { headers: { "Content-Type": "application/json" }, body: "{}" }
				: form({});
			const response = await send(production, method, url, method === "GET" ? {} : body);
			const location = response.headers.get("Location") ?? "";
			if (response.status === 404 || response.status >= 500) {
				wrong.push(`${method} ${url}: ${response.status}`);
			} else if (PROTECTED_PAGES.test(url) && method === "GET") {
				if (response.status !== 303 || !location.startsWith("/connexion"))
					wrong.push(`${method} ${url}: ${response.status} ${location} (expected 303 to /connexion)`);
			} else if (PROTECTED_API.test(url) && response.status !== 401) {
				wrong.push(`${method} ${url}: ${response.status} (expected 401)`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it("has no development mailbox in production, and has one in development", async () => {
		const development = createTestApp({ db: handle.db, clock: () => NOW, pepper: PEPPER });
		const devRoutes = routeTable(production).filter(({ path }) => path.startsWith("/dev/"));
		expect(devRoutes.map(({ path }) => path).sort()).toEqual(["/dev/mails", "/dev/mails.json"]);
		for (const { path } of devRoutes) {
			expect((await send(production, "GET", path)).status, path).toBe(404);
			expect((await send(development, "GET", path)).status, path).toBe(200);
		}
		expect((await send(production, "GET", "/dev/autre")).status).toBe(404);
	});
});

describe("production mode: the network finder", () => {
	it("searches, shows a professional and allows geolocation on its pages only", async () => {
		for (const path of [
			"/reseau",
			"/reseau?q=44000&specialite=optique",
			"/reseau/professionnels/2",
			"/reseau/autour-de-moi",
			"/reseau/carte?q=44000&specialite=optique",
		]) {
			const page = await send(production, "GET", path);
			expect(page.status, path).toBe(200);
			expect(page.headers.get("Content-Type"), path).toMatch(/^text\/html/);
			expect(page.headers.get("Permissions-Policy"), path).toContain("geolocation=(self)");
		}
		expect(await (await send(production, "GET", "/reseau?q=44000")).text()).toContain(
			"Optique de l&#39;Erdre",
		);
		expect((await send(production, "GET", "/reseau/autour-de-moi.js")).status).toBe(200);
		expect((await send(production, "GET", "/reseau/carte/carte.js")).status).toBe(200);
		const features = await send(
			production,
			"GET",
			"/reseau/carte/resultats.geojson?q=44000&specialite=optique",
		);
		expect(features.status).toBe(200);
		expect(features.headers.get("Content-Type")).toContain("application/geo+json");
		expect((await send(production, "GET", "/reseau/professionnels/1")).status).toBe(404);
	});
});

describe("production mode: a member through every sub-app", () => {
	it("answers the health checks", async () => {
		expect((await send(production, "GET", "/healthz")).status).toBe(200);
		expect((await send(production, "GET", "/readyz")).status).toBe(200);
	});

	it("signs in with the e-mailed code, shows the adhérent pages, a PDF and the account, signs out", async () => {
		const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
		const cookie = await signInThroughForms(production, identifier, password, () =>
			latestSignInCode(handle.db, email),
		);
		expect(cookie).toMatch(/^__Host-espace_session=/);
		for (const path of ["/adherent", "/adherent/remboursements", "/adherent/garanties", "/compte/securite"]) {
			const page = await send(production, "GET", path, withCookie(cookie));
			expect(page.status, path).toBe(200);
			expect(page.headers.get("Content-Type"), path).toMatch(/^text\/html/);
		}
		// Signed in, every page of the adhérent space and of the account without parameters renders.
		const pages = routeTable(production).filter(
			({ method, path }) => method === "GET" && /^\/(adherent|compte)\b/.test(path) && !path.includes(":"),
		);
		expect(pages.length).toBeGreaterThan(15);
		const broken: string[] = [];
		for (const { path } of pages) {
			const response = await send(production, "GET", path, withCookie(cookie));
			if (response.status === 404 || response.status >= 500) broken.push(`${path}: ${response.status}`);
		}
		expect(broken).toEqual([]);
		const pdf = await send(production, "GET", "/adherent/garanties.pdf", withCookie(cookie));
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
		expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
		const out = await send(production, "POST", "/deconnexion", withCookie(cookie));
		expect(out.status).toBe(303);
		expect((await send(production, "GET", "/adherent", withCookie(cookie))).status).toBe(303);
	}, 30_000);

	it("signs an employer in with the authenticator app and shows every page of the espace employeur", async () => {
		const cookie = await signInDemoEmployer(production, "employeur1", NOW);
		const pages = routeTable(production).filter(
			({ method, path }) => method === "GET" && /^\/employeur\b/.test(path) && !path.includes(":"),
		);
		expect(pages.length).toBeGreaterThan(4);
		const broken: string[] = [];
		for (const { path } of pages) {
			const response = await send(production, "GET", path, withCookie(cookie));
			if (response.status !== 200) broken.push(`${path}: ${response.status}`);
		}
		expect(broken).toEqual([]);
		const pdf = await send(production, "GET", "/employeur/contrat.pdf", withCookie(cookie));
		expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
		expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
		// A page behind an employee's id: the form recording a dispense for a covered employee.
		const covered = await handle.client.execute({
			sql: `SELECT a.id FROM affiliations a JOIN accounts c ON c.company_id = a.company_id
				WHERE c.identifier = :identifier AND a.end_date IS NULL AND a.dispense_reason IS NULL ORDER BY a.id LIMIT 1`,
			args: { identifier: DEMO_ACCOUNTS.employeur1.identifier },
		});
		const dispenseForm = `/employeur/salaries/${covered.rows[0]?.id}/dispense`;
		expect((await send(production, "GET", dispenseForm, withCookie(cookie))).status).toBe(200);
	});

	it("signs the gestionnaire in and shows every page of the back-office", async () => {
		const { identifier, password, email } = DEMO_ACCOUNTS.gestionnaire1;
		const cookie = await signInThroughForms(production, identifier, password, () =>
			latestSignInCode(handle.db, email),
		);
		// Every GET page of /gestion, a parameter given the demo member's identifier or a request id.
		const pages = routeTable(production)
			.filter(({ method, path }) => method === "GET" && /^\/gestion\b/.test(path))
			.map(({ path }) => path.replace(":identifier", "1000000001").replace(":id", "1"));
		expect(pages.length).toBeGreaterThan(5);
		const broken: string[] = [];
		for (const path of pages) {
			const response = await send(production, "GET", path, withCookie(cookie));
			if (response.status !== 200) broken.push(`${path}: ${response.status}`);
		}
		expect(broken).toEqual([]);
	});

	it("signs a member up and links the activation from the production address", async () => {
		const free = await handle.client.execute(`
			SELECT m.member_number AS number, p.birth_date AS birthDate, m.email FROM members m
			JOIN persons p ON p.id = m.person_id
			WHERE m.email IS NOT NULL AND p.deceased_on IS NULL
				AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = m.id)
				AND EXISTS (SELECT 1 FROM individual_contracts c WHERE c.member_id = m.id AND c.end_date IS NULL)
			ORDER BY m.id LIMIT 1`);
		const member = free.rows[0];
		if (!member) throw new Error("no member without an account in the seed");
		const response = await send(
			production,
			"POST",
			"/inscription?espace=adherent",
			form({
				numeroAdherent: String(member.number),
				dateNaissance: String(member.birthDate),
				email: String(member.email),
				capacite: "own_capacity",
				version: "1.0",
				accepte: "oui",
			}),
		);
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/inscription/confirmation");
		const mail = await latestMail(handle.db, String(member.email), "account-activation");
		const token = new RegExp(`${ORIGIN}/compte/activer\\?jeton=([a-z2-7]{32})`).exec(
			mail?.textBody ?? "",
		)?.[1];
		expect(token).toBeDefined();
		expect((await send(production, "GET", `/compte/activer?jeton=${token}`)).status).toBe(200);
	});

	it("sends a password-reset link on the production address", async () => {
		const { identifier, email } = DEMO_ACCOUNTS.adherent2;
		const response = await send(
			production,
			"POST",
			"/mot-de-passe-oublie",
			form({ identifiant: identifier }),
		);
		expect(response.status).toBe(303);
		const mail = await latestMail(handle.db, email, "password-reset");
		const token = new RegExp(`${ORIGIN}/mot-de-passe-oublie/nouveau\\?jeton=([a-z2-7]+)`).exec(
			mail?.textBody ?? "",
		)?.[1];
		expect(token).toBeDefined();
		expect((await send(production, "GET", `/mot-de-passe-oublie/nouveau?jeton=${token}`)).status).toBe(200);
	});

	it("serves the API: its description, a sign-in in two steps and the member's data", async () => {
		const description = await send(production, "GET", "/api/v1/openapi.json");
		expect(description.status).toBe(200);
		expect(await description.json()).toMatchObject({ openapi: expect.any(String) });
		const json = { "Content-Type": "application/json" };
		const { identifier, password, email } = DEMO_ACCOUNTS.adherent2;
		const first = await send(production, "POST", "/api/v1/auth/sign-in", {
			headers: json,
			body: JSON.stringify({ identifier, password }),
		});
		expect(first.status).toBe(200);
		const step = (await first.json()) as { token: string };
		const second = await send(production, "POST", "/api/v1/auth/second-factor", {
			headers: { ...json, Authorization: `Bearer ${step.token}` },
			body: JSON.stringify({ code: await latestSignInCode(handle.db, email) }),
		});
		expect(second.status).toBe(200);
		const { token } = (await second.json()) as { token: string };
		const guarantees = await send(production, "GET", "/api/v1/adherent/garanties", {
			headers: { Authorization: `Bearer ${token}` },
		});
		expect(guarantees.status).toBe(200);
	});
});

describe("production mode: a health professional through the espace professionnel", () => {
	it("signs in with the authenticator app, shows every page of the space, a member's QR code and a PDF", async () => {
		const cookie = await signInDemoPractice(production, "professionnel1", NOW);
		expect(cookie).toMatch(/^__Host-espace_session=/);
		const pages = routeTable(production).filter(
			({ method, path }) => method === "GET" && /^\/professionnel\b/.test(path) && !path.includes(":"),
		);
		expect(pages.length).toBeGreaterThan(4);
		const broken: string[] = [];
		for (const { path } of pages) {
			const response = await send(production, "GET", path, withCookie(cookie));
			if (response.status !== 200) broken.push(`${path}: ${response.status}`);
		}
		expect(broken).toEqual([]);
		const member = await signInThroughForms(
			production,
			DEMO_ACCOUNTS.adherent1.identifier,
			DEMO_ACCOUNTS.adherent1.password,
			() => latestSignInCode(handle.db, DEMO_ACCOUNTS.adherent1.email),
		);
		const card = await (await send(production, "GET", "/adherent/carte", withCookie(member))).text();
		const qr = new RegExp(`${ORIGIN}(/professionnel/carte/[A-Za-z0-9_-]{60})`).exec(card)?.[1];
		expect(qr).toBeDefined();
		const rights = await send(production, "GET", qr ?? "", withCookie(cookie));
		expect(rights.status).toBe(200);
		expect(await rights.text()).toContain("Droits au 26/11/2026");
		const payments = await (
			await send(production, "GET", "/professionnel/paiements", withCookie(cookie))
		).text();
		const payment = /href="(\/professionnel\/paiements\/\d+)"/.exec(payments)?.[1];
		const pdf = await send(production, "GET", `${payment}/avis.pdf`, withCookie(cookie));
		expect(pdf.status).toBe(200);
		expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
	});
});
