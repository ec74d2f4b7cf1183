// What staff read of a request, whatever its kind: a few labelled facts and, for a complaint,
// the member's own text (shown escaped by the view, never as markup).
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { relationshipLabels } from "../../schema/enums.ts";
import {
	beneficiaries,
	persons,
	prestations,
	professionals,
	type Request,
} from "../../schema/tables/index.ts";
import { additionPayload, removalPayload } from "../adherent/beneficiaries.ts";
import { toComplaint, UNRECOGNISED_REIMBURSEMENT } from "../adherent/complaints.ts";
import { formatCents, formatDay } from "../format.ts";
import { dataProtectionRequestLabels } from "../mail/templates/data-protection-rights.ts";
import { practiceName } from "../professionnel/practice.ts";

export interface RequestFacts {
	readonly facts: readonly { readonly label: string; readonly value: string }[];
	/** Free text written by the requester (a complaint). */
	readonly text: string | null;
	readonly answer: string | null;
}

function day(value: string): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : value;
}

/** The reimbursement line a member does not recognise: when, by whom, how much. */
async function reportedLine(db: Database, payload: unknown): Promise<RequestFacts["facts"]> {
	const id = (payload as { prestationId?: unknown } | null)?.prestationId;
	if (typeof id !== "number") return [{ label: "Ligne signalée", value: "Introuvable" }];
	const [line] = await db
		.select({
			careDate: prestations.careDate,
			chargedCents: prestations.chargedCents,
			mutuelleCents: prestations.mutuelleCents,
			practiceName: professionals.practiceName,
			firstName: professionals.firstName,
			lastName: professionals.lastName,
		})
		.from(prestations)
		.leftJoin(professionals, eq(professionals.id, prestations.professionalId))
		.where(eq(prestations.id, id));
	if (!line) return [{ label: "Ligne signalée", value: "Introuvable" }];
	const professional = practiceName(line) || "Non renseigné";
	return [
		{ label: "Soin du", value: formatDay(line.careDate) },
		{ label: "Professionnel", value: professional },
		{ label: "Montant facturé", value: formatCents(line.chargedCents) },
		{ label: "Remboursé par la mutuelle", value: formatCents(line.mutuelleCents) },
	];
}

export async function describeRequest(db: Database, request: Request): Promise<RequestFacts> {
	const answer = request.answerText;
	if (request.kind === "complaint") {
		const complaint = toComplaint(request);
		return {
			facts: [
				{ label: "Sujet", value: complaint.subject },
				...(complaint.attachmentKey ? [{ label: "Pièce jointe", value: "Oui" }] : []),
				...(request.subKind === UNRECOGNISED_REIMBURSEMENT ? await reportedLine(db, request.payload) : []),
			],
			text: complaint.text,
			answer,
		};
	}
	if (request.kind === "beneficiary_add") {
		const payload = additionPayload.safeParse(request.payload);
		if (!payload.success) return { facts: [{ label: "Demande", value: "Incomplète" }], text: null, answer };
		const data = payload.data;
		return {
			facts: [
				{ label: "Bénéficiaire", value: `${data.firstName} ${data.lastName}` },
				{ label: "Lien", value: relationshipLabels[data.relationship] },
				{ label: "Date de naissance", value: day(data.birthDate) },
				{ label: "Sexe", value: data.sex === "F" ? "Féminin" : "Masculin" },
				{ label: "N° de sécurité sociale", value: data.nir ?? data.attachedNir ?? "Non communiqué" },
			],
			text: null,
			answer,
		};
	}
	if (request.kind === "beneficiary_remove") {
		const payload = removalPayload.safeParse(request.payload);
		if (!payload.success) return { facts: [{ label: "Demande", value: "Incomplète" }], text: null, answer };
		const [person] = await db
			.select({ firstName: persons.firstName, lastName: persons.lastName })
			.from(beneficiaries)
			.innerJoin(persons, eq(persons.id, beneficiaries.personId))
			.where(eq(beneficiaries.id, payload.data.beneficiaryId));
		return {
			facts: [
				{ label: "Bénéficiaire", value: person ? `${person.firstName} ${person.lastName}` : "Introuvable" },
				{ label: "Dernier jour couvert", value: day(payload.data.lastCoveredDay) },
			],
			text: null,
			answer,
		};
	}
	if (request.kind === "data_protection") {
		const right = request.subKind as keyof typeof dataProtectionRequestLabels | null;
		const label =
			right && Object.hasOwn(dataProtectionRequestLabels, right) ? dataProtectionRequestLabels[right] : null;
		return { facts: [{ label: "Droit exercé", value: label ?? "Non précisé" }], text: null, answer };
	}
	return { facts: [], text: null, answer };
}
