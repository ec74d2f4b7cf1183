// The back-office (/gestion) through the real forms, on the seeded demo: who may open it and
// which part, the accounts (search, suspend with sessions ended at once, reopen after a fraud
// report with a new password link), the queue (a complaint answered and read by the member, with
// its text escaped; a beneficiary approved and listed on the card), the proof and its bundle.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBeneficiaryAddition } from "../../../core/adherent/beneficiaries.ts";
import type { BeneficiaryAdditionForm } from "../../../core/adherent/beneficiary-form.ts";
import { fileComplaint } from "../../../core/adherent/complaints.ts";
import { reportUnrecognisedReimbursement } from "../../../core/adherent/reimbursement-report.ts";
import { requestBankChange } from "../../../core/employeur/bank-details.ts";
import { reportFraud } from "../../../core/fraud-report.ts";
import { verifyProofBundle } from "../../../core/gestion/proof.ts";
import { getStaffRole } from "../../../core/gestion/staff.ts";
import { changeStaffRole } from "../../../core/gestion/staff-roles.ts";
import { readServiceState } from "../../../core/maintenance.ts";
import { sendPracticeMessage } from "../../../core/professionnel/contact.ts";
import { recordSignInFailure } from "../../../core/sign-in-throttle.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { frenchIban } from "../../../schema/identifiers.ts";
import {
	auditEvents,
	bankDetailChanges,
	jobs,
	pageViews,
	prestations,
	requests,
	sessions,
} from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../../tests/support/demo.ts";
import { signInDemoPractice } from "../../../tests/support/practice.ts";
import {
	createTestApp,
	formPost,
	latestMail,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
let now = new Date("2026-11-26T09:00:00Z");
const publicUrl = new URL("http://localhost");

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 7,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
}, 120_000);
afterAll(() => handle?.client.close());

type Key = "adherent1" | "adherent2" | "employeur1" | "gestionnaire1" | "gestionnaire2";

async function signIn(key: Key): Promise<string> {
	now = new Date(now.getTime() + 16 * 60_000);
	const { identifier, password, email } = DEMO_ACCOUNTS[key];
	return signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
}

async function page(path: string, cookie: string): Promise<{ status: number; html: string }> {
	const response = await app.request(path, withCookie(cookie));
	return { status: response.status, html: readable(await response.text()) };
}

/** The page's text with the apostrophes hono/jsx escapes put back, to compare with the French text. */
function readable(html: string): string {
	return html.replaceAll("&#39;", "'");
}

describe("who may open the back-office", () => {
	it("sends a visitor to the sign-in page and refuses a member with 403", async () => {
		const visitor = await app.request("/gestion/demandes");
		expect(visitor.status).toBe(303);
		expect(visitor.headers.get("Location")).toBe("/connexion?next=%2Fgestion%2Fdemandes");
		const member = await signIn("adherent1");
		for (const path of ["/gestion", "/gestion/comptes", "/gestion/demandes", "/gestion/preuve/1000000001"]) {
			const refused = await page(path, member);
			expect(refused.status, path).toBe(403);
			expect(refused.html).toContain("Cet espace n'est pas accessible avec votre compte.");
		}
	});

	it("opens every area to the admin, and only the requests to an agent", async () => {
		const admin = await signIn("gestionnaire1");
		const home = await page("/gestion", admin);
		expect(home.status).toBe(200);
		expect(home.html).toContain("Administrateur");
		for (const path of ["/gestion/comptes", "/gestion/demandes", "/gestion/preuve/1000000001"])
			expect((await page(path, admin)).status, path).toBe(200);
		const agent = await signIn("gestionnaire2");
		expect((await page("/gestion/demandes", agent)).status).toBe(200);
		const accounts = await page("/gestion/comptes", agent);
		expect(accounts.status).toBe(403);
		expect(accounts.html).toContain("Votre rôle ne donne pas accès à cette partie de l'espace gestion.");
		expect((await page("/gestion/preuve/1000000001", agent)).status).toBe(403);
		expect(
			(
				await app.request(
					"/gestion/comptes/1000000001/etat",
					withCookie(agent, formPost({ operation: "suspendre", motif: "x" })),
				)
			).status,
		).toBe(403);
	});

	it("records each page a staff member opens, as staff, with their session", async () => {
		const admin = await signIn("gestionnaire1");
		await page("/gestion/comptes/1000000002", admin);
		const staff = await demoAccount(handle.db, "gestionnaire1");
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.accountId, staff.id), eq(auditEvents.action, "view:/gestion/comptes/:identifier")),
			);
		expect(entry).toMatchObject({ actorKind: "staff", objectId: "1000000002", outcome: "success" });
		expect(entry?.sessionId).toBeTruthy();
	});
});

describe("Comptes", () => {
	it("finds an account by identifier, name and e-mail, and refuses an overlong query", async () => {
		const admin = await signIn("gestionnaire1");
		for (const query of ["1000000001", "Mercier", "adherent1@demo"]) {
			const found = await page(`/gestion/comptes?q=${encodeURIComponent(query)}`, admin);
			expect(found.status, query).toBe(200);
			expect(found.html, query).toContain('href="/gestion/comptes/1000000001"');
		}
		const none = await page("/gestion/comptes?q=Zzzyxw", admin);
		expect(none.html).toContain("Aucun compte ne correspond");
		expect((await page(`/gestion/comptes?q=${"a".repeat(101)}`, admin)).status).toBe(400);
		expect((await page("/gestion/comptes/1234", admin)).status).toBe(404);
		expect((await page("/gestion/comptes/1999999999", admin)).status).toBe(404);
	});

	it("suspends an account with a reason: its sessions end at once, the holder is e-mailed, the trail names the staff member", async () => {
		const member = await signIn("adherent2");
		expect((await page("/adherent", member)).status).toBe(200);
		const admin = await signIn("gestionnaire1");
		const empty = await app.request(
			"/gestion/comptes/1000000002/etat",
			withCookie(admin, formPost({ operation: "suspendre", motif: "  " })),
		);
		expect(empty.status).toBe(400);
		expect(readable(await empty.text())).toContain("Indiquez le motif.");
		expect((await demoAccount(handle.db, "adherent2")).state).toBe("active");

		const done = await app.request(
			"/gestion/comptes/1000000002/etat",
			withCookie(
				admin,
				formPost({ operation: "suspendre", motif: "Vérification d'opérations inhabituelles" }),
			),
		);
		expect(done.status).toBe(303);
		expect(done.headers.get("Location")).toBe("/gestion/comptes/1000000002?fait=suspendre");
		const account = await demoAccount(handle.db, "adherent2");
		expect(account.state).toBe("suspended");
		expect(await handle.db.select().from(sessions).where(eq(sessions.accountId, account.id))).toEqual([]);
		expect((await app.request("/adherent", withCookie(member))).status).toBe(303);
		const mail = await latestMail(handle.db, DEMO_ACCOUNTS.adherent2.email, "account-status-changed");
		expect(mail?.textBody).toContain("Vérification d'opérations inhabituelles");
		const staff = await demoAccount(handle.db, "gestionnaire1");
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, "account.state.suspend"), eq(auditEvents.accountId, account.id)));
		expect(entry?.actorKind).toBe("staff");
		expect(entry?.details).toMatchObject({ staffAccountId: staff.id, via: "gestion", to: "suspended" });
		expect(entry?.details?.staffSessionId).toBeTruthy();
		const shown = await page("/gestion/comptes/1000000002?fait=suspendre", admin);
		expect(shown.html).toContain("Compte suspendu");
		expect(shown.html).toContain("Suspension");

		const again = await app.request(
			"/gestion/comptes/1000000002/etat",
			withCookie(admin, formPost({ operation: "suspendre", motif: "Deux fois" })),
		);
		expect(again.status).toBe(409);
		const reopened = await app.request(
			"/gestion/comptes/1000000002/etat",
			withCookie(admin, formPost({ operation: "rouvrir", motif: "Vérification faite" })),
		);
		expect(reopened.status).toBe(303);
		expect((await demoAccount(handle.db, "adherent2")).state).toBe("active");
	});

	it("reopens an account blocked by a fraud report: the incident ends and a new password link is sent", async () => {
		const member = await demoAccount(handle.db, "adherent1");
		const report = await reportFraud(handle.db, {
			accountId: member.id,
			via: "session",
			now,
			publicUrl,
			randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
		});
		expect(report.ok).toBe(true);
		const admin = await signIn("gestionnaire1");
		const list = await page("/gestion/comptes", admin);
		expect(list.html).toContain('href="/gestion/comptes/1000000001"');
		const detail = await page("/gestion/comptes/1000000001", admin);
		expect(detail.html).toContain("la réouverture clôt le");
		const before = await latestMail(handle.db, DEMO_ACCOUNTS.adherent1.email, "password-reset");
		const reopened = await app.request(
			"/gestion/comptes/1000000001/etat",
			withCookie(admin, formPost({ operation: "rouvrir", motif: "Opérations vérifiées avec l'adhérent" })),
		);
		expect(reopened.headers.get("Location")).toBe("/gestion/comptes/1000000001?fait=signalement");
		expect((await demoAccount(handle.db, "adherent1")).state).toBe("active");
		const reference = report.ok ? report.reference : "";
		const [incident] = await handle.db.select().from(requests).where(eq(requests.reference, reference));
		expect(incident?.status).toBe("closed");
		const link = await latestMail(handle.db, DEMO_ACCOUNTS.adherent1.email, "password-reset");
		expect(link?.id).not.toBe(before?.id);
		expect(link?.textBody).toMatch(/\/mot-de-passe-oublie\/nouveau\?jeton=/);
	});
});

describe("Demandes", () => {
	it("shows a complaint's text escaped, answers it, and the member reads the answer", async () => {
		const member = await demoAccount(handle.db, "adherent1");
		const complaint = await fileComplaint(handle.db, {
			memberAccountId: member.id,
			sessionId: "test-session",
			category: "remboursement",
			text: "<script>alert('x')</script> Mon remboursement manque.",
			now,
			publicUrl,
			correlationId: "test",
		});
		const agent = await signIn("gestionnaire2");
		const queue = await page("/gestion/demandes", agent);
		expect(queue.html).toContain(complaint.reference);
		expect((await page("/gestion/demandes?type=inconnu", agent)).status).toBe(400);
		const shown = await page(`/gestion/demandes/${complaint.id}`, agent);
		expect(shown.html).toContain("&lt;script&gt;alert('x')&lt;/script&gt;");
		expect(shown.html).not.toContain("<script>alert");

		const blank = await app.request(
			`/gestion/demandes/${complaint.id}/reclamation`,
			withCookie(agent, formPost({ operation: "repondre", reponse: " " })),
		);
		expect(blank.status).toBe(400);
		expect(readable(await blank.text())).toContain("Écrivez la réponse à l'adhérent.");
		const answered = await app.request(
			`/gestion/demandes/${complaint.id}/reclamation`,
			withCookie(
				agent,
				formPost({ operation: "repondre", reponse: "Le complément a été versé le 25 novembre." }),
			),
		);
		expect(answered.status).toBe(303);
		const mail = await latestMail(handle.db, DEMO_ACCOUNTS.adherent1.email, "complaint-answered");
		expect(mail?.textBody).toContain(complaint.reference);
		expect(mail?.textBody).not.toContain("25 novembre");
		const memberCookie = await signIn("adherent1");
		const read = await page(`/adherent/reclamations/${complaint.id}`, memberCookie);
		expect(read.html).toContain("Le complément a été versé le 25 novembre.");
		const staff = await demoAccount(handle.db, "gestionnaire2");
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, "gestion.complaint.answered"),
					eq(auditEvents.objectId, String(complaint.id)),
				),
			);
		expect(entry).toMatchObject({ accountId: staff.id, actorKind: "staff" });
		expect(entry?.sessionId).toBeTruthy();
		const closed = await app.request(
			`/gestion/demandes/${complaint.id}/reclamation`,
			withCookie(agent, formPost({ operation: "cloturer" })),
		);
		expect(closed.status).toBe(303);
		const late = await app.request(
			`/gestion/demandes/${complaint.id}/reclamation`,
			withCookie(agent, formPost({ operation: "cloturer" })),
		);
		expect(late.status).toBe(409);
	});

	it("approves a beneficiary: the records are updated and the card lists them; a refusal needs a reason", async () => {
		const account = await demoAccount(handle.db, "adherent1");
		const form = {
			lien: "conjoint",
			nom: "Garnier",
			prenom: "Inès",
			dateNaissance: "1991-03-04",
			sexe: "F",
			nir: "",
			nirParent: "",
		} as unknown as BeneficiaryAdditionForm;
		const document = {
			storageKey: "tests/pacs.pdf",
			fileName: "pacs.pdf",
			contentType: "application/pdf",
			sizeBytes: 10,
			sha256: "0".repeat(64),
		};
		const actor = { accountId: account.id, sessionId: "test", correlationId: null };
		const added = await requestBeneficiaryAddition(handle.db, {
			actor,
			memberId: account.memberId ?? 0,
			form,
			document,
			now,
		});
		if (!added.ok) throw new Error("request refused");
		const agent = await signIn("gestionnaire2");
		const refusal = await app.request(
			`/gestion/demandes/${added.requestId}/beneficiaire`,
			withCookie(agent, formPost({ decision: "refuser", motif: "" })),
		);
		expect(refusal.status).toBe(400);
		expect(readable(await refusal.text())).toContain("Indiquez la raison du refus");
		const accepted = await app.request(
			`/gestion/demandes/${added.requestId}/beneficiaire`,
			withCookie(agent, formPost({ decision: "accepter", motif: "" })),
		);
		expect(accepted.status).toBe(303);
		const member = await signIn("adherent1");
		expect((await page("/adherent/carte", member)).html).toContain("GARNIER");
		const [request] = await handle.db.select().from(requests).where(eq(requests.id, added.requestId));
		expect(request?.status).toBe("closed");
	});
});

describe("Preuve", () => {
	it("shows the account's trail with the chain verified, and exports a bundle anyone can check", async () => {
		const admin = await signIn("gestionnaire1");
		const shown = await page("/gestion/preuve/1000000001", admin);
		expect(shown.html).toContain("Chaîne du journal d'audit vérifiée");
		const response = await app.request("/gestion/preuve/1000000001/preuve.json", withCookie(admin));
		expect(response.headers.get("Content-Disposition")).toContain("preuve-1000000001.json");
		const bundle = (await response.json()) as {
			entries: { canonical: string; hash: string }[];
			chain: { verified: boolean };
		};
		expect(bundle.chain.verified).toBe(true);
		expect(bundle.entries.length).toBeGreaterThan(3);
		expect(verifyProofBundle(bundle)).toEqual({ ok: true, entries: bundle.entries.length });
		const [first] = bundle.entries;
		if (!first) throw new Error("no entry");
		first.canonical = first.canonical.replace('"success"', '"failure"');
		expect(verifyProofBundle(bundle).ok).toBe(false);
		const member = await demoAccount(handle.db, "adherent1");
		const [exported] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, "gestion.proof.exported"), eq(auditEvents.objectId, String(member.id))),
			);
		expect(exported?.actorKind).toBe("staff");
	});
});

describe("Exploitation", () => {
	it("lists dead letters with their reason and re-drives one, for the admin only", async () => {
		const [dead] = await handle.db
			.insert(jobs)
			.values({
				type: "mail.send",
				payload: { mailId: 1 },
				status: "dead",
				attempts: 8,
				lastError: "Resend a répondu 422",
				availableAt: now,
				createdAt: now,
				updatedAt: now,
			})
			.returning({ id: jobs.id });
		const agent = await signIn("gestionnaire2");
		expect((await page("/gestion/exploitation", agent)).status).toBe(403);
		const admin = await signIn("gestionnaire1");
		const shown = await page("/gestion/exploitation", admin);
		expect(shown.status).toBe(200);
		expect(shown.html).toContain("Resend a répondu 422");
		expect(shown.html).toMatch(/Version en vigueur : 1\.0, acceptée par \d+ des \d+ comptes actifs/);
		const refused = await app.request(
			"/gestion/exploitation/relancer",
			withCookie(admin, formPost({ tache: "x" })),
		);
		expect(refused.status).toBe(400);
		const redriven = await app.request(
			"/gestion/exploitation/relancer",
			withCookie(admin, formPost({ tache: String(dead?.id) })),
		);
		expect(redriven.headers.get("Location")).toBe("/gestion/exploitation?relancees=1");
		const [job] = await handle.db
			.select()
			.from(jobs)
			.where(eq(jobs.id, dead?.id ?? 0));
		expect(job).toMatchObject({ status: "pending", attempts: 0 });
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "gestion.jobs.redriven"));
		expect(entry?.details).toMatchObject({ redriven: 1 });
	});
});

describe("Exploitation: the maintenance switch and the audience", () => {
	it("starts and ends a maintenance, ending it even while writes are refused, for the admin only", async () => {
		const agent = await signIn("gestionnaire2");
		const refused = await app.request(
			"/gestion/exploitation/maintenance",
			withCookie(agent, formPost({ operation: "demarrer" })),
		);
		expect(refused.status).toBe(403);
		const admin = await signIn("gestionnaire1");
		const started = await app.request(
			"/gestion/exploitation/maintenance",
			withCookie(admin, formPost({ operation: "demarrer", message: "Mise à jour <du> moteur de calcul." })),
		);
		expect(started.status).toBe(303);
		expect((await readServiceState(handle.db, now)).maintenance?.message).toBe(
			"Mise à jour <du> moteur de calcul.",
		);
		const shown = await page("/gestion/exploitation?maintenance=demarrer", admin);
		expect(shown.html).toContain("Maintenance en cours depuis le");
		expect(shown.html).toContain("Mise à jour &lt;du&gt; moteur de calcul.");
		// Any other write is refused during the maintenance; the switch itself is not.
		const blocked = await app.request(
			"/gestion/exploitation/relancer",
			withCookie(admin, formPost({ tout: "oui" })),
		);
		expect(blocked.status).toBe(503);
		const ended = await app.request(
			"/gestion/exploitation/maintenance",
			withCookie(admin, formPost({ operation: "terminer" })),
		);
		expect(ended.status).toBe(303);
		expect((await readServiceState(handle.db, now)).maintenance).toBeNull();
		const staff = await demoAccount(handle.db, "gestionnaire1");
		const entries = await handle.db
			.select({ action: auditEvents.action, actorKind: auditEvents.actorKind })
			.from(auditEvents)
			.where(eq(auditEvents.accountId, staff.id));
		expect(entries).toContainEqual({ action: "gestion.maintenance.started", actorKind: "staff" });
		expect(entries).toContainEqual({ action: "gestion.maintenance.ended", actorKind: "staff" });
	});

	it("announces a window typed in Paris time, and refuses a malformed one with a French reason", async () => {
		const admin = await signIn("gestionnaire1");
		const malformed = await app.request(
			"/gestion/exploitation/maintenance",
			withCookie(admin, formPost({ operation: "annoncer", message: "Migration", debut: "demain", fin: "" })),
		);
		expect(malformed.status).toBe(400);
		expect(readable(await malformed.text())).toContain(
			"Écrivez la date et l'heure ainsi : 12/12/2026 22:00.",
		);
		const backwards = await app.request(
			"/gestion/exploitation/maintenance",
			withCookie(
				admin,
				formPost({
					operation: "annoncer",
					message: "Migration",
					debut: "12/12/2026 22:00",
					fin: "12/12/2026 21:00",
				}),
			),
		);
		expect(backwards.status).toBe(400);
		expect(readable(await backwards.text())).toContain("La fin doit suivre le début.");
		const announced = await app.request(
			"/gestion/exploitation/maintenance",
			withCookie(
				admin,
				formPost({
					operation: "annoncer",
					message: "Migration de la base",
					debut: "12/12/2026 22:00",
					fin: "13/12/2026 02:00",
				}),
			),
		);
		expect(announced.status).toBe(303);
		const state = await readServiceState(handle.db, now);
		expect(state.maintenance).toBeNull();
		expect(state.announced.map((event) => event.startsAt.toISOString())).toContain(
			"2026-12-12T21:00:00.000Z",
		);
		expect((await page("/gestion/exploitation", admin)).html).toContain("Migration de la base");
	});

	it("shows the page views of the last 30 days per day, space and path, to the admin only", async () => {
		await handle.db.insert(pageViews).values([
			{ day: "2026-11-25", space: "adherent", path: "/adherent/releves/:statement", views: 42 },
			{ day: "2026-10-01", space: "adherent", path: "/adherent/ancienne-page", views: 7 },
		]);
		const agent = await signIn("gestionnaire2");
		expect((await page("/gestion/exploitation/audience", agent)).status).toBe(403);
		const admin = await signIn("gestionnaire1");
		const shown = await page("/gestion/exploitation/audience", admin);
		expect(shown.status).toBe(200);
		expect(shown.html).toContain('<td data-label="Page">/adherent/releves/:statement</td>');
		expect(shown.html).toContain('<td class="num" data-label="Vues">42</td>');
		expect(shown.html).not.toContain("/adherent/ancienne-page");
	});
});

describe("Rôles", () => {
	it("lets an admin give, change and remove staff roles, audited, but never their own admin role", async () => {
		const agent = await signIn("gestionnaire2");
		expect((await page("/gestion/roles", agent)).status).toBe(403);
		expect(
			(await app.request("/gestion/roles/9000000002", withCookie(agent, formPost({ role: "admin" })))).status,
		).toBe(403);
		const admin = await signIn("gestionnaire1");
		const shown = await page("/gestion/roles", admin);
		expect(shown.status).toBe(200);
		expect(shown.html).toContain("9000000001 (vous)");
		expect(shown.html).toContain('<label for="role-9000000002" class="sr-only">');
		const own = await app.request(
			"/gestion/roles/9000000001",
			withCookie(admin, formPost({ role: "agent" })),
		);
		expect(own.status).toBe(409);
		expect(readable(await own.text())).toContain(
			"Vous ne pouvez pas retirer votre propre rôle d'administrateur",
		);
		const bad = await app.request("/gestion/roles/9000000002", withCookie(admin, formPost({ role: "roi" })));
		expect(bad.status).toBe(400);
		expect(readable(await bad.text())).toContain("Choisissez un rôle.");
		expect(
			(await app.request("/gestion/roles/1000000001", withCookie(admin, formPost({ role: "agent" })))).status,
		).toBe(404);
		const target = await demoAccount(handle.db, "gestionnaire2");
		const promoted = await app.request(
			"/gestion/roles/9000000002",
			withCookie(admin, formPost({ role: "superviseur" })),
		);
		expect(promoted.headers.get("Location")).toBe("/gestion/roles?fait=1");
		expect(await getStaffRole(handle.db, target.id)).toBe("superviseur");
		const removed = await app.request(
			"/gestion/roles/9000000002",
			withCookie(admin, formPost({ role: "aucun" })),
		);
		expect(removed.status).toBe(303);
		expect(await getStaffRole(handle.db, target.id)).toBeNull();
		const without = await signIn("gestionnaire2");
		expect((await page("/gestion/demandes", without)).status).toBe(403);
		const staff = await demoAccount(handle.db, "gestionnaire1");
		const [revoked] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, "gestion.staff_role.revoked"), eq(auditEvents.accountId, staff.id)));
		expect(revoked).toMatchObject({ actorKind: "staff", objectId: String(target.id) });
		expect(revoked?.sessionId).toBeTruthy();
		expect(revoked?.details).toMatchObject({ previous: "superviseur", role: null });
		// Back to the demo's agent for the tests that follow.
		const restoring = await signIn("gestionnaire1");
		await app.request("/gestion/roles/9000000002", withCookie(restoring, formPost({ role: "agent" })));
		expect(await getStaffRole(handle.db, target.id)).toBe("agent");
	});

	it("never removes the last admin, whoever asks", async () => {
		const other = await demoAccount(handle.db, "gestionnaire2");
		const result = await changeStaffRole(handle.db, {
			identifier: "9000000001",
			role: "superviseur",
			now,
			actor: { accountId: other.id, sessionId: null, correlationId: null, role: "admin" },
		});
		expect(result).toEqual({ ok: false, reason: "last_admin" });
		expect(await getStaffRole(handle.db, (await demoAccount(handle.db, "gestionnaire1")).id)).toBe("admin");
	});
});

describe("Demandes: the practices' messages, the companies' bank changes, the sign-in incidents", () => {
	it("lists a practice's message, answers it (the practice is e-mailed and reads it), then closes it", async () => {
		const pro = await demoAccount(handle.db, "professionnel1");
		if (pro.professionalId === null) throw new Error("demo practice without a professional");
		const sent = await sendPracticeMessage(
			handle.db,
			{ accountId: pro.id, professionalId: pro.professionalId, sessionId: "s" },
			{
				subject: "facture",
				text: "Facture <b>F-12</b> non payée",
				attachmentId: null,
				now,
				publicUrl,
				correlationId: "test",
			},
		);
		const agent = await signIn("gestionnaire2");
		const queue = await page("/gestion/demandes?type=practice_message", agent);
		expect(queue.status).toBe(200);
		expect(queue.html).toContain(`href="/gestion/demandes/messages/${sent.id}"`);
		expect((await page("/gestion/demandes", agent)).html).toContain(sent.reference);
		const shown = await page(`/gestion/demandes/messages/${sent.id}`, agent);
		expect(shown.html).toContain("Facture &lt;b&gt;F-12&lt;/b&gt; non payée");
		const empty = await app.request(
			`/gestion/demandes/messages/${sent.id}`,
			withCookie(agent, formPost({ operation: "repondre", reponse: " " })),
		);
		expect(empty.status).toBe(400);
		expect(readable(await empty.text())).toContain("Écrivez la réponse au professionnel.");
		const answered = await app.request(
			`/gestion/demandes/messages/${sent.id}`,
			withCookie(agent, formPost({ operation: "repondre", reponse: "Le paiement part demain." })),
		);
		expect(answered.status).toBe(303);
		const mail = await latestMail(handle.db, DEMO_ACCOUNTS.professionnel1.email, "practice-message-answered");
		expect(mail?.textBody).toContain(sent.reference);
		expect(mail?.textBody).not.toContain("Le paiement part demain.");
		const staff = await demoAccount(handle.db, "gestionnaire2");
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, "gestion.practice_message.answered"), eq(auditEvents.accountId, staff.id)),
			);
		expect(entry).toMatchObject({ actorKind: "staff", objectId: String(sent.id) });
		now = new Date(now.getTime() + 16 * 60_000);
		const practice = await signInDemoPractice(app, "professionnel1", now);
		expect((await page(`/professionnel/contact/${sent.id}`, practice)).html).toContain(
			"Le paiement part demain.",
		);
		const agentAgain = await signIn("gestionnaire2");
		const closed = await app.request(
			`/gestion/demandes/messages/${sent.id}`,
			withCookie(agentAgain, formPost({ operation: "cloturer" })),
		);
		expect(closed.status).toBe(303);
		expect((await page("/gestion/demandes?type=practice_message", agentAgain)).html).not.toContain(
			sent.reference,
		);
		const again = await app.request(
			`/gestion/demandes/messages/${sent.id}`,
			withCookie(agentAgain, formPost({ operation: "repondre", reponse: "Encore" })),
		);
		expect(again.status).toBe(409);
		expect((await page("/gestion/demandes/messages/999999", agentAgain)).status).toBe(404);
	});

	it("shows a company's bank change with its IBAN masked and blocks it with a reason, the company e-mailed", async () => {
		const employer = await demoAccount(handle.db, "employeur1");
		if (employer.companyId === null) throw new Error("demo employer without a company");
		// The demo company has a change in its cooling-off period; a fresh one if it was used up.
		let [pending] = await handle.db
			.select()
			.from(bankDetailChanges)
			.where(
				and(eq(bankDetailChanges.companyId, employer.companyId), eq(bankDetailChanges.status, "pending")),
			);
		if (!pending) {
			const requested = await requestBankChange(handle.db, {
				scope: { accountId: employer.id, companyId: employer.companyId, sessionId: "s" },
				password: DEMO_ACCOUNTS.employeur1.password,
				iban: frenchIban("30004", "00828", "00012345678"),
				bic: "BNPAFRPP",
				holderName: "LES ATELIERS DU RHONE SAS",
				now,
				pepper: PEPPER,
				publicUrl,
				correlationId: "test",
			});
			if (!requested.ok) throw new Error(`bank change refused: ${requested.reason}`);
			[pending] = await handle.db
				.select()
				.from(bankDetailChanges)
				.where(eq(bankDetailChanges.id, requested.changeId));
		}
		if (!pending) throw new Error("no pending change");
		const requested = { changeId: pending.id };
		const iban = pending.newIban;
		const agent = await signIn("gestionnaire2");
		const queue = await page("/gestion/demandes?type=employer_bank_change", agent);
		expect(queue.html).toContain(`href="/gestion/demandes/changements-bancaires/${requested.changeId}"`);
		const shown = await page(`/gestion/demandes/changements-bancaires/${requested.changeId}`, agent);
		expect(shown.status).toBe(200);
		expect(shown.html).toContain(`•••• ${iban.slice(-4)}`);
		expect(shown.html).not.toContain(iban);
		const path = `/gestion/demandes/changements-bancaires/${requested.changeId}/bloquer`;
		const noReason = await app.request(path, withCookie(agent, formPost({ motif: "" })));
		expect(noReason.status).toBe(400);
		expect(readable(await noReason.text())).toContain("Indiquez le motif");
		const blocked = await app.request(
			path,
			withCookie(agent, formPost({ motif: "Demande faite depuis un pays inhabituel." })),
		);
		expect(blocked.status).toBe(303);
		const [change] = await handle.db
			.select()
			.from(bankDetailChanges)
			.where(eq(bankDetailChanges.id, requested.changeId));
		expect(change?.status).toBe("cancelled");
		const mail = await latestMail(handle.db, DEMO_ACCOUNTS.employeur1.email, "bank-details-change-blocked");
		expect(mail?.textBody).toContain("pays inhabituel");
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, "employeur.bank_details.change_cancelled"),
					eq(auditEvents.objectId, String(requested.changeId)),
				),
			);
		expect(entry).toMatchObject({ actorKind: "staff", outcome: "success" });
		expect(entry?.details).toMatchObject({
			via: "gestion",
			reason: "Demande faite depuis un pays inhabituel.",
		});
		expect((await app.request(path, withCookie(agent, formPost({ motif: "Encore" })))).status).toBe(409);
	});

	it("lists an account under repeated failed sign-ins, linked to its page for a superviseur only", async () => {
		for (let attempt = 0; attempt < 6; attempt += 1)
			await recordSignInFailure(handle.db, { identifier: "1000000002", ipKey: "test-ip", now });
		const admin = await signIn("gestionnaire1");
		const queue = await page("/gestion/demandes?type=sign_in_incident", admin);
		expect(queue.html).toContain("Incident de connexion");
		expect(queue.html).toContain('href="/gestion/comptes/1000000002"');
		expect(queue.html).toContain("6 échecs en 24 h");
		const agent = await signIn("gestionnaire2");
		const forAgent = await page("/gestion/demandes?type=sign_in_incident", agent);
		expect(forAgent.html).toContain("1000000002");
		expect(forAgent.html).not.toContain('href="/gestion/comptes/1000000002"');
		expect((await page("/gestion/demandes?type=inconnu", agent)).status).toBe(400);
	});

	it("lists an unrecognised reimbursement apart, with the line the member does not recognise", async () => {
		const member = await demoAccount(handle.db, "adherent1");
		if (member.memberId === null) throw new Error("demo member without a member");
		const [line] = await handle.db
			.select({ id: prestations.id })
			.from(prestations)
			.where(eq(prestations.memberId, member.memberId))
			.limit(1);
		if (!line) throw new Error("no prestation");
		const reported = await reportUnrecognisedReimbursement(handle.db, {
			memberId: member.memberId,
			accountId: member.id,
			sessionId: null,
			prestationId: line.id,
			comment: null,
			now,
		});
		if (!reported.ok) throw new Error("report refused");
		const agent = await signIn("gestionnaire2");
		const queue = await page("/gestion/demandes?type=unrecognised_reimbursement", agent);
		expect(queue.html).toContain(reported.reference);
		expect(queue.html).toContain("Remboursement non reconnu");
		const [request] = await handle.db
			.select()
			.from(requests)
			.where(eq(requests.reference, reported.reference));
		const shown = await page(`/gestion/demandes/${request?.id}`, agent);
		expect(shown.html).toContain("Soin du");
		expect(shown.html).toContain("Remboursé par la mutuelle");
	});
});
