import { and, desc, eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "../../core/audit.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../demo/accounts.ts";
import { accounts, auditEvents, requests } from "../../schema/tables/index.ts";
import {
	createSeededTestApp,
	formPost,
	signInDemoMember,
	signInThroughForms,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const NOW = new Date("2026-11-26T09:00:00.000Z");
let handle: DatabaseHandle;
let app: App;
let cookie: string;
let otherCookie: string;

async function accountOf(identifier: string) {
	const [account] = await handle.db.select().from(accounts).where(eq(accounts.identifier, identifier));
	if (!account) throw new Error(`no account ${identifier}`);
	return account;
}

function text(html: string): string {
	return html
		.replace(/<[^>]*>/g, " ")
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, " ");
}

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.2, now: NOW }));
	cookie = await signInDemoMember(app, handle.db, "adherent1");
	otherCookie = await signInDemoMember(app, handle.db, "adherent2");
}, 120_000);

afterAll(() => handle?.client.close());

describe("/compte/activite", () => {
	it("shows the member's sign-in with its device, their consultations and downloads, as done by them", async () => {
		await app.request("/adherent/garanties", withCookie(cookie));
		await app.request("/adherent/garanties.pdf", withCookie(cookie));
		const response = await app.request("/compte/activite", withCookie(cookie));
		expect(response.status).toBe(200);
		const page = text(await response.text());
		expect(page).toContain("Mon activité");
		expect(page).toMatch(/Connexion réussie Vous Firefox sur Linux/);
		expect(page).toMatch(/Consultation de vos garanties Vous/);
		expect(page).toMatch(/Téléchargement du tableau de garanties Vous/);
		expect(page).toContain("Chaque ligne ci-dessous a été vérifiée");
		// Nothing of the other member's session.
		expect(page).not.toContain("1000000002");
	});

	it("names who acted: the staff on the member's request, a professional checking rights, the worker", async () => {
		const member = await accountOf(DEMO_ACCOUNTS.adherent1.identifier);
		const professional = await accountOf(DEMO_ACCOUNTS.professionnel1.identifier);
		const [request] = await handle.db
			.insert(requests)
			.values({
				reference: "R2026-990001",
				kind: "complaint",
				accountId: member.id,
				channel: "web",
				payload: {},
				status: "received",
				createdAt: NOW,
				updatedAt: NOW,
			})
			.returning();
		const at = new Date(NOW.getTime() + 1_000);
		await recordAuditEvent(handle.db, {
			occurredAt: at,
			accountId: null,
			actorKind: "staff",
			action: "gestion.complaint.answered",
			objectType: "request",
			objectId: String(request?.id),
			outcome: "success",
		});
		await recordAuditEvent(handle.db, {
			occurredAt: at,
			accountId: professional.id,
			actorKind: "account",
			action: "professionnel.rights.checked",
			objectType: "member",
			objectId: String(member.memberId),
			outcome: "success",
		});
		await recordAuditEvent(handle.db, {
			occurredAt: at,
			accountId: member.id,
			actorKind: "system",
			action: "worker.account.closed",
			objectType: "account",
			objectId: String(member.id),
			outcome: "success",
		});
		const page = text(
			await (await app.request("/compte/activite?type=operation", withCookie(cookie))).text(),
		);
		expect(page).toMatch(/Réponse à votre réclamation Un gestionnaire de la mutuelle/);
		expect(page).toMatch(/Opération \(professionnel\.rights\.checked\) Un professionnel de santé/);
		expect(page).toMatch(/Fermeture du compte à l'échéance Traitement automatique de la mutuelle/);
		// The other member sees none of it.
		const theirs = text(await (await app.request("/compte/activite", withCookie(otherCookie))).text());
		expect(theirs).not.toContain("Réponse à votre réclamation");
		expect(theirs).not.toContain("professionnel.rights.checked");
	});

	it("filters by kind and by period", async () => {
		const signIns = text(
			await (await app.request("/compte/activite?type=connexion", withCookie(cookie))).text(),
		);
		expect(signIns).toContain("Connexion réussie");
		expect(signIns).not.toContain("Consultation de");
		const before = text(
			await (await app.request("/compte/activite?au=2026-11-25", withCookie(cookie))).text(),
		);
		expect(before).toContain("Aucune activité ne correspond à ces critères.");
		const typed = await app.request(
			"/compte/activite?du-jour=26&du-mois=11&du-annee=2026&au-jour=26&au-mois=11&au-annee=2026",
			withCookie(cookie),
		);
		expect(typed.status).toBe(200);
		expect(text(await typed.text())).toContain("Connexion réussie");
	});

	it("refuses wrong criteria with a French message and shows no line", async () => {
		for (const [query, message] of [
			["type=tout", "Choisissez un type d'activité dans la liste."],
			["du=2026-13-45", "La date de début n'est pas une date valide."],
			["du=2026-11-26&au=2026-11-01", "La date de fin doit être postérieure à la date de début."],
			["avant=abc", "Le lien vers l'activité plus ancienne n'est pas valable."],
			["inconnu=1", "Cette adresse contient un critère inconnu."],
		] as const) {
			const response = await app.request(`/compte/activite?${query}`, withCookie(cookie));
			expect(response.status, query).toBe(400);
			const page = text(await response.text());
			expect(page, query).toContain(message);
			expect(page, query).not.toContain("Connexion réussie");
		}
	});

	it("asks a visitor to sign in", async () => {
		const response = await app.request("/compte/activite");
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/connexion?next=%2Fcompte%2Factivite");
	});

	it("marks a line altered after the fact as not verified", async () => {
		const member = await accountOf(DEMO_ACCOUNTS.adherent2.identifier);
		const seq = await recordAuditEvent(handle.db, {
			occurredAt: new Date(NOW.getTime() + 2_000),
			accountId: member.id,
			actorKind: "account",
			action: "account.password.changed",
			outcome: "success",
		});
		// A tamperer who can drop the triggers rewrites who did it; the hash no longer matches.
		await handle.client.executeMultiple(`
			DROP TRIGGER audit_events_no_update;
			UPDATE audit_events SET actor_kind = 'staff' WHERE seq = ${seq};
		`);
		const page = text(await (await app.request("/compte/activite", withCookie(otherCookie))).text());
		expect(page).toContain("Certaines lignes n'ont pas pu être vérifiées");
		expect(page).toMatch(/Mot de passe modifié \(non vérifiée\)/);
		const mine = text(await (await app.request("/compte/activite", withCookie(cookie))).text());
		expect(mine).toContain("Chaque ligne ci-dessous a été vérifiée");
	});
});

describe("« Ce n'était pas moi »", () => {
	it("opens the fraud report with the line, refuses another's line, and records the line with the report", async () => {
		const member = await accountOf(DEMO_ACCOUNTS.adherent1.identifier);
		const [line] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.accountId, member.id), eq(auditEvents.action, "auth.sign_in.completed")))
			.orderBy(desc(auditEvents.seq))
			.limit(1);
		if (!line) throw new Error("no sign-in line");
		const activity = await (await app.request("/compte/activite", withCookie(cookie))).text();
		expect(activity).toContain(`href="/compte/signaler?ligne=${line.seq}"`);
		const confirm = await app.request(`/compte/signaler?ligne=${line.seq}`, withCookie(cookie));
		expect(confirm.status).toBe(200);
		const html = await confirm.text();
		expect(text(html)).toMatch(/Activité que vous ne reconnaissez pas .* : Connexion réussie/);
		expect(html).toContain(`name="ligne" value="${line.seq}"`);
		// The other member's line answers like one that does not exist.
		expect((await app.request(`/compte/signaler?ligne=${line.seq}`, withCookie(otherCookie))).status).toBe(
			404,
		);
		expect((await app.request("/compte/signaler?ligne=x", withCookie(cookie))).status).toBe(404);
		const posted = await app.request(
			"/compte/signaler",
			withCookie(cookie, formPost({ ligne: String(line.seq) })),
		);
		expect(posted.status).toBe(303);
		const [report] = await handle.db
			.select()
			.from(requests)
			.where(and(eq(requests.accountId, member.id), eq(requests.kind, "fraud_report")));
		expect(report?.payload).toMatchObject({ via: "session", relatedAuditSeq: line.seq });
	});
});

describe("/compte/activite for an employer", () => {
	it("shows the employer's own sign-in and what another administrator of the company did", async () => {
		const { identifier, password } = DEMO_ACCOUNTS.employeur1;
		const totp = new OTPAuth.TOTP({
			secret: DEMO_TOTP_SECRETS.employeur,
			digits: 6,
			period: 30,
			algorithm: "SHA1",
		});
		const employer = await signInThroughForms(app, identifier, password, async () =>
			totp.generate({ timestamp: NOW.getTime() }),
		);
		const own = await accountOf(identifier);
		const [colleague] = await handle.db
			.insert(accounts)
			.values({
				identifier: "2000000099",
				space: "employeur",
				companyId: own.companyId,
				email: "collegue@demo.espace.test",
				state: "active",
				createdAt: NOW,
				updatedAt: NOW,
			})
			.returning();
		await recordAuditEvent(handle.db, {
			occurredAt: new Date(NOW.getTime() + 3_000),
			accountId: colleague?.id ?? null,
			actorKind: "account",
			action: "auth.sign_out",
			outcome: "success",
		});
		const page = text(await (await app.request("/compte/activite", withCookie(employer))).text());
		expect(page).toMatch(/Connexion réussie Vous/);
		expect(page).toMatch(/Déconnexion Un autre administrateur de votre compte/);
		// Members see nothing of the company's administrators.
		const memberPage = await app.request("/compte/activite", withCookie(otherCookie));
		expect(memberPage.status).toBe(200);
		expect(text(await memberPage.text())).not.toContain("Un autre administrateur");
	});
});
