// Every template, rendered with its sample data: what the recipient reads in both versions, where
// its links lead, and what it must never contain.
import { describe, expect, it } from "vitest";
import { formatAddress, organisation } from "../../organisation.ts";
import {
	isTemplateName,
	type MailContext,
	type RenderedMail,
	renderMail,
	type TemplateName,
	templateNames,
	templateSchema,
} from "./index.ts";
import { isUnderPublicUrl } from "./links.ts";
import { sampleMailData } from "./samples.ts";

// A public URL with a base path, so that a link that forgot it would show.
const publicUrl = new URL("https://espace.mutuelle.example/portail/");
const context: MailContext = { publicUrl, organisation };

const REQUIRED_TEMPLATES = [
	"account-activation",
	"sign-in-code",
	"password-reset",
	"password-changed",
	"new-sign-in-alert",
	"fraud-report-acknowledged",
	"cgu-update",
	"statement-available",
	"payment-notice",
	"complaint-acknowledged",
	"complaint-answered",
	"bank-details-change-pending",
	"bank-details-change-confirmed",
	"account-closing-soon",
	"account-closed",
	"data-protection-request-received",
	"data-protection-request-answered",
	// To the owner of an existing account when someone signs up with the same details.
	"sign-up-existing-account",
	// E-mail change: the link to the new address, the notice to the old one.
	"email-change-confirmation",
	"email-change-notice",
	// To staff: a data-protection request nearing its one-month deadline.
	"data-protection-request-reminder",
	// Staff suspended, closed or reopened the account (back-office, `npm run account`).
	"account-status-changed",
	// To a practice: its message sent from « Contact » is received.
	"practice-message-acknowledged",
	// To staff: a practice's rights checks look like harvesting (one per recorded alert).
	"harvesting-alert",
	// To a practice: staff answered its message (back-office « Demandes »).
	"practice-message-answered",
	// To a company: staff blocked its bank-details change during the cooling-off period.
	"bank-details-change-blocked",
	// A large « Mes données » export built by the worker is ready (ADR 0038).
	"data-export-ready",
] as const;

const at = (path: string): string => new URL(path.slice(1), publicUrl).href;

/** What each mail must say, in the text and in the HTML version alike. */
const KEY_INFORMATION: { readonly [N in TemplateName]: readonly string[] } = {
	"account-activation": [
		"1234567890",
		"choisissez votre mot de passe",
		"24 heures",
		at("/compte/activer?jeton=tok_activation"),
	],
	"sign-in-code": ["482913", "10 minutes", "Si ce n'est pas vous"],
	"password-reset": ["30 minutes", at("/mot-de-passe/nouveau?jeton=tok_reset")],
	"password-changed": [
		"jeudi 26 novembre 2026 à 10:05",
		"Ce n'est pas moi : signaler une utilisation frauduleuse",
	],
	"new-sign-in-alert": [
		"jeudi 26 novembre 2026 à 10:05",
		"Firefox sur Android",
		"près de Lyon, France",
		"Ce n'est pas moi : signaler une utilisation frauduleuse",
		at("/signaler?jeton=tok_fraud"),
	],
	"fraud-report-acknowledged": ["F2026-000042", at("/mot-de-passe/nouveau?jeton=tok_reset")],
	"cgu-update": ["version 2.0", "vendredi 1er janvier 2027", "Voir ce qui change", at("/cgu/2.0")],
	"statement-available": ["Un nouveau relevé de prestations est disponible", at("/adherent/releves")],
	"data-export-ready": [
		"L'archive de vos données personnelles que vous avez demandée",
		at("/compte/donnees/archives/0123456789abcdef0123456789abcdef"),
		"qu'une fois connecté",
		"3 décembre 2026",
	],
	"payment-notice": ["mardi 24 novembre 2026", at("/adherent/remboursements")],
	"complaint-acknowledged": [
		"R2026-000123",
		"mercredi 20 janvier 2027",
		at("/adherent/reclamations/R2026-000123"),
	],
	"complaint-answered": [
		"R2026-000123",
		at("/adherent/reclamations/R2026-000123"),
		organisation.mediator.name,
		...formatAddress(organisation.mediator.address),
	],
	"bank-details-change-pending": [
		"IBAN se terminant par 0189",
		"jeudi 3 décembre 2026",
		at("/coordonnees-bancaires/annuler?jeton=tok_cancel"),
	],
	"bank-details-change-confirmed": ["IBAN se terminant par 0189", "jeudi 3 décembre 2026"],
	"account-closing-soon": [
		"30 jours",
		"samedi 26 décembre 2026",
		"article 7",
		"deux ans après la fin du contrat",
		"relevés de prestations",
		at("/adherent/releves"),
		at("/cgu#article-7"),
	],
	"account-closed": ["samedi 26 décembre 2026", "vous aviez un compte"],
	"account-status-changed": ["suspendu", "Motif : Vérification d'opérations inhabituelles"],
	"data-protection-request-received": [
		"D2026-000007",
		"demande d'accès",
		"samedi 26 décembre 2026",
		organisation.dpo.email,
	],
	"data-protection-request-answered": [
		"D2026-000007",
		at("/donnees-personnelles/demandes/D2026-000007"),
		"CNIL",
	],
	"sign-up-existing-account": ["déjà un compte", at("/connexion"), at("/mot-de-passe-oublie")],
	"email-change-confirmation": [
		"Confirmer ma nouvelle adresse",
		at("/compte/email/confirmer?jeton=ABCDEFGHIJKLMNOP"),
	],
	"email-change-notice": ["jeudi 26 novembre 2026", at("/signalement?jeton=QRSTUVWXYZ234567")],
	"data-protection-request-reminder": [
		"D2026-000007",
		"effacement",
		"samedi 26 décembre 2026",
		at("/gestion/demandes/D2026-000007"),
	],
	"practice-message-acknowledged": [
		"P2026-000042",
		"vendredi 20 novembre 2026",
		at("/professionnel/contact/42"),
	],
	"harvesting-alert": ["Pharmacie du Centre (n° 12)", "26 adhérents différents en 10 minutes", "n° 7"],
	"practice-message-answered": ["P2026-000042", at("/professionnel/contact/42")],
	"bank-details-change-blocked": ["0189", "appareil inconnu", "ne sera pas appliqué"],
};

function render(name: TemplateName, data: Record<string, unknown> = {}): RenderedMail {
	return renderMail(name, { ...sampleMailData[name], ...data } as never, context);
}

/** The HTML as a reader sees it: tags dropped, entities decoded, spaces collapsed. */
function visibleText(html: string): string {
	return html
		.replace(/<[^>]+>/g, " ")
		.replace(/&#39;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&")
		.replace(/\s+/g, " ");
}

function hrefs(html: string): string[] {
	return [...html.matchAll(/\shref="([^"]*)"/g)].map((match) => (match[1] ?? "").replace(/&amp;/g, "&"));
}

function urlsInText(text: string): string[] {
	return [...text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s<>"]+/gi)].map((match) => match[0]);
}

function sitePathKeys(name: TemplateName): string[] {
	return Object.keys(sampleMailData[name]).filter((key) => key.endsWith("Path"));
}

// "FR76 3000 6000 0112 3456 7890 189" with or without spaces, or any other country's IBAN.
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30}\b/;
// A label followed by a value on the same line ("Mot de passe : hunter2"); in the HTML, a value
// right after the label, before the paragraph ends.
const PASSWORD_IN_TEXT = /(?:mot de passe|password)[^\S\n]*(?:provisoire[^\S\n]*)?:[^\S\n]*\S/i;
const PASSWORD_IN_HTML = /(?:mot de passe|password)\s*(?:provisoire\s*)?:\s*[^<\s]/i;

describe("the template registry", () => {
	it("has every template the space sends, and nothing else", () => {
		expect([...templateNames].sort()).toEqual([...REQUIRED_TEMPLATES].sort());
		for (const name of REQUIRED_TEMPLATES) expect(isTemplateName(name)).toBe(true);
		expect(isTemplateName("toString")).toBe(false);
	});
});

describe.each(templateNames)("the %s mail", (name) => {
	const mail = render(name);
	const html = visibleText(mail.html);

	it("has a subject on one line", () => {
		expect(mail.subject.trim()).not.toBe("");
		expect(mail.subject).not.toMatch(/[\r\n]/);
	});

	it("gives its key information in both versions", () => {
		for (const expected of KEY_INFORMATION[name]) {
			expect(mail.text).toContain(expected);
			// A link shows in the HTML as an href; the rest as text.
			if (expected.startsWith("https://")) expect(hrefs(mail.html)).toContain(expected);
			else expect(html).toContain(expected);
		}
	});

	it("greets without a name, signs with the insurer's name, and says why it was sent", () => {
		expect(mail.text).toContain(`Cordialement,\n${organisation.name}`);
		expect(html).toContain(`Cordialement, ${organisation.name}`);
		for (const version of [mail.text, html]) {
			expect(version).toMatch(/^\s*Bonjour,|\sBonjour,/);
			expect(version).toContain("Ceci est un message automatique.");
			expect(version).toMatch(
				/Vous recevez ce message car vous (avez|aviez) un compte sur l'espace en ligne d'Harmonie Mutuelle\./,
			);
			expect(version).toContain(organisation.legalForm);
		}
		expect(mail.text).toContain(`Pour nous contacter : ${at("/informations/contact")}`);
		expect(hrefs(mail.html)).toContain(at("/informations/contact"));
	});

	it("is a complete French HTML document, one column, inline styles, no image", () => {
		expect(mail.html.startsWith("<!DOCTYPE html>")).toBe(true);
		expect(mail.html).toContain('<html lang="fr">');
		expect(mail.html).toMatch(/<title>[^<]+<\/title>/);
		expect(mail.html).toContain("max-width:600px");
		expect(mail.html).not.toMatch(/<(img|script|style|link|iframe|form)\b/i);
		expect(mail.html).not.toMatch(/\sclass=/);
		for (const table of mail.html.match(/<table\b[^>]*>/g) ?? [])
			expect(table).toContain('role="presentation"');
	});

	it("links only under the public URL, in the HTML and in the text", () => {
		const links = [...hrefs(mail.html), ...urlsInText(mail.text), ...urlsInText(html)];
		expect(links.length).toBeGreaterThan(0);
		for (const href of links) {
			expect(href.startsWith(publicUrl.href), href).toBe(true);
			expect(isUnderPublicUrl(new URL(href), publicUrl), href).toBe(true);
		}
	});

	it("gives every link a meaningful text", () => {
		for (const match of mail.html.matchAll(/<a\b[^>]*>([^<]*)<\/a>/g)) {
			expect((match[1] ?? "").trim().length).toBeGreaterThan(3);
		}
	});

	it("contains no IBAN, no password and no amount", () => {
		for (const version of [mail.subject, mail.text, html]) {
			expect(version).not.toMatch(IBAN);
			expect(version).not.toMatch(/€|\bEUR\b|\d+,\d{2}\b/);
		}
		expect(mail.subject).not.toMatch(PASSWORD_IN_TEXT);
		expect(mail.text).not.toMatch(PASSWORD_IN_TEXT);
		expect(mail.html).not.toMatch(PASSWORD_IN_HTML);
	});

	it("escapes a display name in the HTML and greets with it", () => {
		const named = render(name, { displayName: "<script>alert(1)</script>" });
		expect(named.html).not.toContain("<script>");
		expect(named.html).toContain("Bonjour &lt;script&gt;alert(1)&lt;/script&gt;,");
		expect(named.text).toContain("Bonjour <script>alert(1)</script>,");
	});

	it("keeps links under the public URL whatever path the data gives", () => {
		const hostile = "/..//../%2e%2E/\\evil.example/x?next=https://evil.example#top";
		const paths = Object.fromEntries(sitePathKeys(name).map((key) => [key, hostile]));
		const mail = render(name, paths);
		for (const href of [...hrefs(mail.html), ...urlsInText(mail.text)]) {
			expect(href.startsWith(publicUrl.href), href).toBe(true);
		}
		if (sitePathKeys(name).length > 0) expect(mail.text).toContain(`${publicUrl.href}evil.example/x?next=`);
	});

	it("refuses a path that names another host", () => {
		const schema = templateSchema(name);
		for (const key of sitePathKeys(name)) {
			for (const path of [
				"https://evil.example/x",
				"//evil.example/x",
				"/\\evil.example",
				"javascript:alert(1)",
				"",
			]) {
				expect(schema.safeParse({ ...sampleMailData[name], [key]: path }).success, `${key}=${path}`).toBe(
					false,
				);
			}
		}
	});

	it("refuses data with a missing field", () => {
		const schema = templateSchema(name);
		const sample: Record<string, unknown> = { ...sampleMailData[name] };
		let required = 0;
		for (const key of Object.keys(sample)) {
			const rest = { ...sample };
			delete rest[key];
			const accepted = schema.safeParse(rest).success;
			if (key === "displayName" || key === "approximatePlace" || key === "ended") {
				expect(accepted, key).toBe(true);
			} else {
				expect(accepted, key).toBe(false);
				required++;
			}
		}
		expect(required).toBeGreaterThan(0);
		expect(schema.safeParse({}).success).toBe(false);
	});

	it("refuses a field it does not know, such as a password or an IBAN", () => {
		const schema = templateSchema(name);
		expect(schema.safeParse({ ...sampleMailData[name], password: "Tr0ub4dor&3-horse" }).success).toBe(false);
		expect(schema.safeParse({ ...sampleMailData[name], iban: "FR7630006000011234567890189" }).success).toBe(
			false,
		);
	});

	it("renders the same mail twice from the same data, so a retry sends the same payload", () => {
		expect(render(name)).toEqual(mail);
	});
});

describe("what particular mails say", () => {
	it("never puts the sign-in code in the subject, which phones show when locked", () => {
		expect(render("sign-in-code").subject).not.toContain("482913");
	});

	it("refuses a sign-in code that is not 6 digits", () => {
		expect(templateSchema("sign-in-code").safeParse({ code: "12345" }).success).toBe(false);
		expect(templateSchema("sign-in-code").safeParse({ code: "12345a" }).success).toBe(false);
	});

	it("leaves out an unknown place from the new sign-in alert", () => {
		const mail = render("new-sign-in-alert", { approximatePlace: undefined });
		expect(mail.text).not.toContain("Lieu approximatif");
	});

	it("shows the sign-in time in Paris summer time too", () => {
		const mail = render("new-sign-in-alert", { signedInAt: "2026-07-14T20:30:00Z" });
		expect(mail.text).toContain("mardi 14 juillet 2026 à 22:30");
	});

	it("tells the number of days left, 30 then 7", () => {
		expect(render("account-closing-soon", { daysLeft: 7, closesOn: "2026-12-26" }).subject).toBe(
			"Votre espace en ligne sera fermé dans 7 jours",
		);
		expect(render("account-closing-soon").subject).toBe("Votre espace en ligne sera fermé dans 30 jours");
	});

	it("says the tiers-payant agreement ended for a health professional", () => {
		const mail = render("account-closing-soon", { ended: "tiers-payant-agreement" });
		expect(mail.text).toContain("Votre convention de tiers payant a pris fin le jeudi 26 décembre 2024.");
	});

	it("says the account was closed at the user's request", () => {
		expect(render("account-closed", { reason: "user-request" }).text).toContain("comme vous l'avez demandé");
	});

	it("names each right of a data-protection request", () => {
		expect(render("data-protection-request-received", { right: "erasure" }).text).toContain(
			"votre demande d'effacement de vos données personnelles",
		);
		expect(
			templateSchema("data-protection-request-received").safeParse({
				...sampleMailData["data-protection-request-received"],
				right: "everything",
			}).success,
		).toBe(false);
	});

	it("accepts an instant for a day and takes its date in Paris", () => {
		const mail = render("payment-notice", { paidOn: "2026-11-24T23:30:00Z" });
		expect(mail.text).toContain("mercredi 25 novembre 2026");
	});

	it("shows only the last 4 characters of an IBAN and refuses more", () => {
		const schema = templateSchema("bank-details-change-confirmed");
		expect(schema.safeParse({ ibanLast4: "7890189", effectiveOn: "2026-12-03" }).success).toBe(false);
		expect(
			schema.safeParse({ ibanLast4: "FR7630006000011234567890189", effectiveOn: "2026-12-03" }).success,
		).toBe(false);
	});

	it("refuses an unknown template name at run time", () => {
		expect(() => renderMail("no-such-template" as never, {} as never, context)).toThrow();
	});
});
