// Sample data for every template: the tests render each one with it, and a mail preview page can
// show them. Fictitious values only.
import type { TemplateInput, TemplateName } from "./index.ts";

export const sampleMailData: { readonly [N in TemplateName]: TemplateInput<N> } = {
	"account-activation": { identifier: "1234567890", activationPath: "/compte/activer?jeton=tok_activation" },
	"sign-in-code": { code: "482913" },
	"password-reset": { resetPath: "/mot-de-passe/nouveau?jeton=tok_reset" },
	"password-changed": { changedAt: "2026-11-26T09:05:00Z", fraudReportPath: "/signaler?jeton=tok_fraud" },
	"new-sign-in-alert": {
		signedInAt: "2026-11-26T09:05:00Z",
		device: "Firefox sur Android",
		approximatePlace: "près de Lyon, France",
		fraudReportPath: "/signaler?jeton=tok_fraud",
	},
	"fraud-report-acknowledged": {
		reference: "F2026-000042",
		reportedAt: "2026-11-26T09:05:00Z",
		resetPath: "/mot-de-passe/nouveau?jeton=tok_reset",
	},
	"cgu-update": { version: "2.0", effectiveOn: "2027-01-01", changesPath: "/cgu/2.0" },
	"statement-available": { statementsPath: "/adherent/releves" },
	"data-export-ready": {
		downloadPath: "/compte/donnees/archives/0123456789abcdef0123456789abcdef",
		expiresAt: "2026-12-03T09:00:00Z",
	},
	"payment-notice": { paidOn: "2026-11-24", paymentsPath: "/adherent/remboursements" },
	"complaint-acknowledged": {
		reference: "R2026-000123",
		receivedOn: "2026-11-20",
		answerDueBy: "2027-01-20",
		complaintPath: "/adherent/reclamations/R2026-000123",
	},
	"complaint-answered": { reference: "R2026-000123", answerPath: "/adherent/reclamations/R2026-000123" },
	"bank-details-change-pending": {
		ibanLast4: "0189",
		requestedAt: "2026-11-26T09:05:00Z",
		effectiveOn: "2026-12-03",
		cancelPath: "/coordonnees-bancaires/annuler?jeton=tok_cancel",
	},
	"bank-details-change-confirmed": { ibanLast4: "0189", effectiveOn: "2026-12-03" },
	"account-closing-soon": {
		daysLeft: 30,
		closesOn: "2026-12-26",
		endedOn: "2024-12-26",
		statementsPath: "/adherent/releves",
	},
	"account-closed": { closedOn: "2026-12-26", reason: "contract-ended" },
	"account-status-changed": { change: "suspended", reason: "Vérification d'opérations inhabituelles" },
	"data-protection-request-received": {
		right: "access",
		reference: "D2026-000007",
		receivedOn: "2026-11-26",
		answerDueBy: "2026-12-26",
		requestPath: "/donnees-personnelles/demandes/D2026-000007",
	},
	"data-protection-request-answered": {
		right: "access",
		reference: "D2026-000007",
		answerPath: "/donnees-personnelles/demandes/D2026-000007",
	},
	"sign-up-existing-account": { signInPath: "/connexion", resetPath: "/mot-de-passe-oublie" },
	"email-change-confirmation": { confirmationPath: "/compte/email/confirmer?jeton=ABCDEFGHIJKLMNOP" },
	"email-change-notice": {
		requestedAt: "2026-11-26T09:05:00Z",
		fraudReportPath: "/signalement?jeton=QRSTUVWXYZ234567",
	},
	"data-protection-request-reminder": {
		reference: "D2026-000007",
		right: "erasure",
		answerDueBy: "2026-12-26",
		requestPath: "/gestion/demandes/D2026-000007",
	},
	"practice-message-acknowledged": {
		reference: "P2026-000042",
		receivedOn: "2026-11-20",
		messagePath: "/professionnel/contact/42",
	},
	"harvesting-alert": {
		alertId: 7,
		professionalId: 12,
		practiceName: "Pharmacie du Centre",
		pattern: "many_members",
		raisedAt: "2026-11-26T09:05:00Z",
		details: { distinct: 26, windowMinutes: 10 },
	},
	"practice-message-answered": {
		reference: "P2026-000042",
		messagePath: "/professionnel/contact/42",
	},
	"bank-details-change-blocked": {
		ibanLast4: "0189",
		reason: "Demande faite depuis un appareil inconnu, contact injoignable.",
	},
};
