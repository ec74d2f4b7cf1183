// « Administrateurs » on a seeded database, through the real forms: the main administrator of the
// demo company 2000000001 invites one administrator per role; each activates their account
// behind the e-mailed link, signs in with an e-mailed code, accepts the terms and enrols the
// mandatory authenticator app. Then the role matrix (each role × a representative write, pages
// and API), a « lecture » administrator refused on every write route of the space, another
// company's administrator answering 404, the audit trail naming who acted, and a revocation
// ending the administrator's sessions at once.
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mayDo } from "../../../core/employeur/administrators.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { demoAccount } from "../../../tests/support/demo.ts";
import { signInDemoEmployer } from "../../../tests/support/employer-testing.ts";
import {
	createSeededTestApp,
	createTestApp,
	formPost,
	latestMail,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";
import { capabilityFor } from "../../middleware/employer-roles.ts";
import { apiEmployeurRoutes } from "../api/employeur/index.ts";
import { employeurRoutes } from "./index.tsx";

const START = new Date("2026-11-26T09:00:00Z");
let now = START;
let handle: DatabaseHandle;
let app: App;
let principal: string;
let otherPrincipal: string;
let companyId: number;
let employeeId: number;
const PASSWORD = "cerf-volant bleu sur la dune 1987";
const PATH = "/employeur/administrateurs";

type Role = "lecture" | "gestion" | "finances";
const admins = {} as Record<Role, { cookie: string; accountId: number; identifier: string }>;

async function rows(sql: string, args: Record<string, string | number> = {}) {
	return (await handle.client.execute({ sql, args })).rows;
}

/** Moves the clock to the next TOTP step: a code is never accepted twice. */
function tick(): void {
	now = new Date(now.getTime() + 30_000);
}

function totpCode(secret: string): string {
	return new OTPAuth.TOTP({ secret, digits: 6, period: 30, algorithm: "SHA1" }).generate({
		timestamp: now.getTime(),
	});
}

/** Invites, activates, signs in, accepts the terms and enrols the app; returns the session cookie. */
async function onboard(inviter: string, role: Role, email: string) {
	const invited = await app.request(
		PATH,
		withCookie(inviter, formPost({ prenom: "Léa", nom: "Martin-Roux", email, role })),
	);
	expect(invited.status).toBe(303);
	const mail = await latestMail(handle.db, email, "account-activation");
	const token = /\/compte\/activer\?jeton=([a-z2-7]{32})/.exec(mail?.textBody ?? "")?.[1] ?? "";
	const identifier = /\b(2\d{9})\b/.exec(mail?.textBody ?? "")?.[1] ?? "";
	expect(mail?.textBody ?? "").not.toContain(PASSWORD);
	const activated = await app.request(
		"/compte/activer",
		formPost({ jeton: token, password: PASSWORD, confirmation: PASSWORD }),
	);
	expect(activated.status).toBe(303);
	const cookie = await signInThroughForms(app, identifier, PASSWORD, () =>
		latestSignInCode(handle.db, email),
	);
	// The terms first, then the authenticator app: nothing of the space opens before.
	const cgu = await app.request("/compte/cgu", withCookie(cookie));
	const version = /name="version" value="([^"]+)"/.exec(await cgu.text())?.[1] ?? "";
	await app.request(
		"/compte/cgu",
		withCookie(cookie, formPost({ version, accepte: "oui", capacite: "legal_representative" })),
	);
	const blocked = await app.request("/employeur", withCookie(cookie));
	expect(blocked.status).toBe(303);
	expect(blocked.headers.get("Location")).toBe("/compte/securite/application");
	await app.request("/compte/securite/application", withCookie(cookie));
	const [account] = await rows("SELECT id, totp_secret FROM accounts WHERE identifier = :identifier", {
		identifier,
	});
	tick();
	const enrolled = await app.request(
		"/compte/securite/application",
		withCookie(cookie, formPost({ code: totpCode(String(account?.totp_secret)) })),
	);
	expect(enrolled.status).toBe(200);
	expect((await app.request("/employeur", withCookie(cookie))).status).toBe(200);
	return { cookie, accountId: Number(account?.id), identifier };
}

function post(path: string, cookie: string, fields: Record<string, string> = {}) {
	return app.request(path, withCookie(cookie, formPost(fields)));
}

function apiPost(path: string, cookie: string, body: unknown) {
	return app.request(path, {
		method: "POST",
		headers: {
			"Content-Type": "application/json",
			// The session token of the cookie, as a bearer token (the API's way of signing in).
			Authorization: `Bearer ${cookie.slice(cookie.indexOf("=") + 1)}`,
		},
		body: JSON.stringify(body),
	});
}

beforeAll(async () => {
	const seeded = await createSeededTestApp({ scale: 1, now: START });
	handle = seeded.handle;
	app = createTestApp({
		db: handle.db,
		clock: () => now,
		pepper: "test-pepper-long-enough-for-the-config-check",
	});
	principal = await signInDemoEmployer(app, "employeur1", now);
	otherPrincipal = await signInDemoEmployer(app, "employeur2", now);
	companyId = (await demoAccount(handle.db, "employeur1")).companyId ?? 0;
	const [employee] = await rows(
		"SELECT id FROM affiliations WHERE company_id = :c AND end_date IS NULL AND dispense_reason IS NULL ORDER BY id LIMIT 1",
		{ c: companyId },
	);
	employeeId = Number(employee?.id);
	for (const role of ["lecture", "gestion", "finances"] as const)
		admins[role] = await onboard(principal, role, `${role}@ateliers-du-rhone.test`);
}, 180_000);
afterAll(() => handle?.client.close());

describe("inviting administrators", () => {
	it("gives each invitee an identifier of their own, a role, and lists them for the main administrator", async () => {
		const ids = new Set(Object.values(admins).map((admin) => admin.identifier));
		expect(ids.size).toBe(3);
		const html = await (await app.request(PATH, withCookie(principal))).text();
		for (const admin of Object.values(admins)) expect(html).toContain(admin.identifier);
		expect(html).toContain("Gestion des salariés");
		expect(html).toContain("Inviter un administrateur");
		const invited = await rows(
			"SELECT account_id, role, invited_by_account_id FROM employer_administrators WHERE company_id = :c AND invited_at >= :t ORDER BY account_id",
			// The demo's own « lecture » administrator was invited before the test.
			{ c: companyId, t: START.getTime() },
		);
		const main = await demoAccount(handle.db, "employeur1");
		expect(invited.map((row) => row.role)).toEqual(["lecture", "gestion", "finances"]);
		expect(invited.every((row) => Number(row.invited_by_account_id) === main.id)).toBe(true);
		const [audit] = await rows(
			"SELECT account_id, details FROM audit_events WHERE action = 'employeur.administrator.invited' AND object_id = :id",
			{ id: String(admins.lecture.accountId) },
		);
		expect(Number(audit?.account_id)).toBe(main.id);
	});

	it("refuses a bad form with French messages and an address already used in the company", async () => {
		const bad = await post(PATH, principal, { prenom: "", nom: "X", email: "pas-une-adresse", role: "chef" });
		expect(bad.status).toBe(400);
		const html = await bad.text();
		expect(html).toContain("Le prénom est obligatoire.");
		expect(html).toContain("Choisissez le rôle de la personne invitée.");
		const twice = await post(PATH, principal, {
			prenom: "Léa",
			nom: "Martin",
			email: "LECTURE@ateliers-du-rhone.test",
			role: "gestion",
		});
		expect(twice.status).toBe(409);
		expect(await twice.text()).toContain("Cette adresse est déjà celle");
	});

	it("shows an invited administrator their own role, without the list or the form", async () => {
		const html = await (await app.request(PATH, withCookie(admins.gestion.cookie))).text();
		expect(html).toContain("Gestion des salariés");
		expect(html).not.toContain("Inviter un administrateur");
		expect(html).not.toContain(admins.lecture.identifier);
	});
});

describe("the role matrix", () => {
	// Each write answered by its own route (400 for an empty form, 303 when done) or refused (403).
	const writes: { name: string; path: () => string; allowed: readonly (Role | "principal")[] }[] = [
		{ name: "affilier", path: () => "/employeur/salaries/affilier", allowed: ["principal", "gestion"] },
		{
			name: "fin d'affiliation",
			path: () => `/employeur/salaries/${employeeId}/fin`,
			allowed: ["principal", "gestion"],
		},
		{
			name: "changement de coordonnées bancaires",
			path: () => "/employeur/coordonnees-bancaires",
			allowed: ["principal", "finances"],
		},
		{ name: "inviter un administrateur", path: () => PATH, allowed: ["principal"] },
	];

	for (const write of writes)
		it(`lets only ${write.allowed.join(", ")} send « ${write.name} »`, async () => {
			const cookies = {
				principal,
				...Object.fromEntries(Object.entries(admins).map(([k, v]) => [k, v.cookie])),
			};
			for (const [role, cookie] of Object.entries(cookies)) {
				const response = await post(write.path(), cookie as string);
				const allowed = write.allowed.includes(role as Role);
				if (allowed) expect(response.status, `${role} ${write.name}`).toBe(400);
				else {
					expect(response.status, `${role} ${write.name}`).toBe(403);
					expect(await response.text()).toContain("ne permet pas cette action");
				}
			}
		});

	it("answers 403 to « lecture » on every write route of the pages and the API, and 200 on reading", async () => {
		const paths = [
			...employeurRoutes.routes.filter((r) => r.method === "POST").map((r) => `/employeur${r.path}`),
			...apiEmployeurRoutes.routes
				.filter((r) => r.method === "POST")
				.map((r) => `/api/v1/employeur${r.path}`),
		].map((path) =>
			path.replace(/:id(\{[^}]*\})?/g, String(employeeId)).replace(/\{id\}/g, String(employeeId)),
		);
		expect(paths.length).toBeGreaterThanOrEqual(6);
		for (const path of paths) {
			const response = path.startsWith("/api/")
				? await apiPost(path, admins.lecture.cookie, {})
				: await post(path, admins.lecture.cookie);
			expect(response.status, path).toBe(403);
		}
		for (const path of [
			"/employeur",
			"/employeur/salaries",
			`/employeur/salaries/${employeeId}`,
			"/employeur/bordereaux",
			"/employeur/coordonnees-bancaires",
		])
			expect((await app.request(path, withCookie(admins.lecture.cookie))).status, path).toBe(200);
		// The forms of actions and the SEPA mandate (whole IBAN) are not for reading roles.
		expect(
			(await app.request("/employeur/salaries/affilier", withCookie(admins.lecture.cookie))).status,
		).toBe(403);
		expect(
			(await app.request("/employeur/coordonnees-bancaires/mandat.pdf", withCookie(admins.gestion.cookie)))
				.status,
		).toBe(403);
	});

	it("shows each role only the links and forms its role lets it use", async () => {
		const cookies: Record<Role | "principal", string> = {
			principal,
			lecture: admins.lecture.cookie,
			gestion: admins.gestion.cookie,
			finances: admins.finances.cookie,
		};
		const pages = [
			"/employeur",
			"/employeur/salaries",
			`/employeur/salaries/${employeeId}`,
			"/employeur/dispenses",
			"/employeur/coordonnees-bancaires",
			"/employeur/bordereaux",
			"/employeur/administrateurs",
		];
		for (const [role, cookie] of Object.entries(cookies) as [Role | "principal", string][]) {
			const links = new Set<string>();
			const forms = new Set<string>();
			for (const page of pages) {
				const response = await app.request(page, withCookie(cookie));
				expect(response.status, `${role} ${page}`).toBe(200);
				const html = await response.text();
				for (const [, href] of html.matchAll(/href="(\/employeur[^"#?]*)/g)) if (href) links.add(href);
				for (const [, action] of html.matchAll(/<form method="post" action="(\/employeur[^"]*)"/g))
					if (action) forms.add(action);
			}
			// What the server's guard asks of each (its 403 stays the real check): nothing shown is refused.
			for (const href of links)
				expect(mayDo(role, capabilityFor("GET", href)), `${role} sees ${href}`).toBe(true);
			for (const action of forms)
				expect(mayDo(role, capabilityFor("POST", action)), `${role} sees a form to ${action}`).toBe(true);
			const employees = role === "principal" || role === "gestion";
			expect(links.has("/employeur/salaries/affilier"), `${role} affilier`).toBe(employees);
			expect(links.has(`/employeur/salaries/${employeeId}/fin`), `${role} fin`).toBe(employees);
			expect(links.has(`/employeur/salaries/${employeeId}/dispense`), `${role} dispense`).toBe(employees);
			// The demo company has a change pending: its cancellation, or else a new change.
			const bankForms = ["/employeur/coordonnees-bancaires", "/employeur/coordonnees-bancaires/annulation"];
			expect(
				bankForms.some((action) => forms.has(action)),
				`${role} bank change`,
			).toBe(role === "principal" || role === "finances");
			expect(forms.has("/employeur/administrateurs"), `${role} invite`).toBe(role === "principal");
		}
	});

	it("applies the same roles to the API's writes", async () => {
		const end = `/api/v1/employeur/salaries/${employeeId}/fin`;
		expect((await apiPost(end, admins.finances.cookie, {})).status).toBe(403);
		expect((await apiPost(end, admins.gestion.cookie, {})).status).toBe(400);
	});

	it("records who acted: the gestion administrator's account and session on the end of an affiliation", async () => {
		const done = await post(`/employeur/salaries/${employeeId}/fin`, admins.gestion.cookie, {
			dateFin: "2026-11-30",
			motif: "resignation",
		});
		expect(done.status).toBe(303);
		const [entry] = await rows(
			"SELECT account_id, session_id FROM audit_events WHERE action = 'employeur.affiliation.ended' AND object_id = :id",
			{ id: String(employeeId) },
		);
		expect(Number(entry?.account_id)).toBe(admins.gestion.accountId);
		const [session] = await rows("SELECT account_id FROM sessions WHERE id = :id", {
			id: String(entry?.session_id),
		});
		expect(Number(session?.account_id)).toBe(admins.gestion.accountId);
		// The main administrator's journal says who did what, from the trail.
		const journal = await (await app.request(PATH, withCookie(principal))).text();
		expect(journal).toContain("Dernières opérations");
		expect(journal).toContain(
			`Fin d&#39;affiliation d&#39;un salarié</a></td><td data-label="Faite par">MARTIN-ROUX Léa (${admins.gestion.identifier}), gestion des salariés`,
		);
		expect(journal).toContain("Compte de l&#39;entreprise (2000000001), administrateur principal");
	});
});

describe("revoking an administrator", () => {
	it("answers 404 for another company's administrator and for the main administrator", async () => {
		const other = await onboard(otherPrincipal, "lecture", "lecture@boulangerie-lefevre.test");
		expect((await post(`${PATH}/${other.accountId}/revocation`, principal)).status).toBe(404);
		const main = await demoAccount(handle.db, "employeur1");
		expect((await post(`${PATH}/${main.id}/revocation`, principal)).status).toBe(404);
		expect((await post(`${PATH}/abc/revocation`, principal)).status).toBe(404);
		expect((await app.request("/employeur", withCookie(other.cookie))).status).toBe(200);
	});

	it("is for the main administrator only", async () => {
		const response = await post(`${PATH}/${admins.lecture.accountId}/revocation`, admins.finances.cookie);
		expect(response.status).toBe(403);
		expect((await app.request("/employeur", withCookie(admins.lecture.cookie))).status).toBe(200);
	});

	it("ends the administrator's sessions at once, closes the account and says who revoked it", async () => {
		const { accountId, cookie, identifier } = admins.finances;
		const revoked = await post(`${PATH}/${accountId}/revocation`, principal);
		expect(revoked.status).toBe(303);
		expect(revoked.headers.get("Location")).toBe(`${PATH}?fait=revocation`);
		const page = await app.request("/employeur", withCookie(cookie));
		expect(page.status).toBe(303);
		expect(page.headers.get("Location")).toMatch(/^\/connexion/);
		expect(await rows("SELECT id FROM sessions WHERE account_id = :a", { a: accountId })).toHaveLength(0);
		const [account] = await rows("SELECT state FROM accounts WHERE id = :a", { a: accountId });
		expect(account?.state).toBe("closed");
		const main = await demoAccount(handle.db, "employeur1");
		const [entry] = await rows(
			"SELECT account_id, session_id FROM audit_events WHERE action = 'employeur.administrator.revoked' AND object_id = :a",
			{ a: String(accountId) },
		);
		expect(Number(entry?.account_id)).toBe(main.id);
		// Signing in again is refused, and the list says so.
		const again = await app.request(
			"/connexion",
			formPost({ identifiant: identifier, motDePasse: PASSWORD }),
		);
		expect(again.status).not.toBe(303);
		expect(await (await app.request(PATH, withCookie(principal))).text()).toContain("Accès révoqué");
	});

	it("keeps the rows: the trail of roles cannot be deleted or rewritten", async () => {
		await expect(handle.client.execute("DELETE FROM employer_administrators")).rejects.toThrow(
			/never deleted/,
		);
		await expect(
			handle.client.execute({
				sql: "UPDATE employer_administrators SET role = 'finances' WHERE account_id = :a",
				args: { a: admins.lecture.accountId },
			}),
		).rejects.toThrow(/only the revocation/);
	});
});

describe("changing an administrator's role", () => {
	it("applies the new role from the administrator's next request, session kept, and says who changed it", async () => {
		const person = await onboard(principal, "lecture", "changement@ateliers-du-rhone.test");
		const affilier = () => post("/employeur/salaries/affilier", person.cookie);
		expect((await affilier()).status).toBe(403);
		const changed = await post(`${PATH}/${person.accountId}/role`, principal, { role: "gestion" });
		expect(changed.status).toBe(303);
		expect(changed.headers.get("Location")).toBe(`${PATH}?fait=role`);
		// The same session, now « gestion »: its next request may affiliate (an empty form is a 400).
		expect((await affilier()).status).toBe(400);
		const list = await (await app.request(`/employeur/salaries`, withCookie(person.cookie))).text();
		expect(list).toContain("/employeur/salaries/affilier");
		const main = await demoAccount(handle.db, "employeur1");
		// The invitation row stays as written; the change is appended, with who made it.
		const [invitation] = await rows("SELECT role FROM employer_administrators WHERE account_id = :a", {
			a: person.accountId,
		});
		expect(invitation?.role).toBe("lecture");
		const changes = await rows(
			"SELECT role, changed_by_account_id FROM employer_administrator_role_changes WHERE account_id = :a",
			{ a: person.accountId },
		);
		expect(changes).toEqual([expect.objectContaining({ role: "gestion", changed_by_account_id: main.id })]);
		const [entry] = await rows(
			"SELECT account_id, details FROM audit_events WHERE action = 'employeur.administrator.role_changed' AND object_id = :a",
			{ a: String(person.accountId) },
		);
		expect(Number(entry?.account_id)).toBe(main.id);
		expect(JSON.parse(String(entry?.details))).toEqual({ from: "lecture", to: "gestion" });
		const page = await (await app.request(`${PATH}?fait=role`, withCookie(principal))).text();
		expect(page).toContain("Le rôle est changé");
		expect(page).toContain("Rôle d&#39;administrateur changé");
		// Back to « lecture »: refused again from the next request on.
		expect((await post(`${PATH}/${person.accountId}/role`, principal, { role: "lecture" })).status).toBe(303);
		expect((await affilier()).status).toBe(403);
	});

	it("refuses a bad role, the same role, another company's or the main administrator, and any other role than the main administrator", async () => {
		const target = `${PATH}/${admins.gestion.accountId}/role`;
		for (const role of ["principal", "", "admin"]) {
			const response = await post(target, principal, { role });
			expect(response.status, role).toBe(400);
			expect(await response.text()).toContain("Choisissez le nouveau rôle");
		}
		const same = await post(target, principal, { role: "gestion" });
		expect(same.status).toBe(400);
		expect(await same.text()).toContain("a déjà ce rôle");
		const main = await demoAccount(handle.db, "employeur1");
		expect((await post(`${PATH}/${main.id}/role`, principal, { role: "lecture" })).status).toBe(404);
		expect((await post(target, otherPrincipal, { role: "lecture" })).status).toBe(404);
		expect((await post(target, admins.gestion.cookie, { role: "finances" })).status).toBe(403);
		expect(
			await rows("SELECT id FROM employer_administrator_role_changes WHERE account_id = :a", {
				a: admins.gestion.accountId,
			}),
		).toHaveLength(0);
	});

	it("refuses a revoked administrator and never rewrites the history of roles", async () => {
		// admins.finances was revoked above.
		const revoked = await post(`${PATH}/${admins.finances.accountId}/role`, principal, { role: "gestion" });
		expect(revoked.status).toBe(409);
		await expect(handle.client.execute("DELETE FROM employer_administrator_role_changes")).rejects.toThrow(
			/never deleted/,
		);
		await expect(
			handle.client.execute("UPDATE employer_administrator_role_changes SET role = 'finances'"),
		).rejects.toThrow(/never changed/);
	});
});
