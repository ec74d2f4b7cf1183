// Rectification (GDPR art. 16) of what a member may correct alone: phone and postal address. The
// e-mail address goes through its own confirmation (core/email-change.ts); the name and the birth
// date are a request to the insurer (data-requests.ts), since they must match the civil status
// the contract and the Sécurité sociale know. The audit entry names the fields changed, never
// their values (the trail holds identifiers only).
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import { members } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import type { DataActor } from "./export.ts";

const text = (label: string, max: number) =>
	z
		.string({ error: `Indiquez ${label}.` })
		.trim()
		.min(1, `Indiquez ${label}.`)
		.max(max, `${label[0]?.toUpperCase()}${label.slice(1)} dépasse ${max} caractères.`);

/** French numbers as people type them (spaces, dots, +33), kept as 10 digits. */
const phone = z
	.string()
	.trim()
	.max(25, "Le numéro de téléphone est trop long.")
	.transform((value) => value.replace(/[\s.-]/g, "").replace(/^\+33/, "0"))
	.refine((value) => value === "" || /^0[1-9]\d{8}$/.test(value), {
		message: "Indiquez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78.",
	});

export const memberContactSchema = z.strictObject({
	telephone: phone,
	adresse1: text("l'adresse", 100),
	adresse2: z.string().trim().max(100, "Le complément d'adresse dépasse 100 caractères."),
	codePostal: z
		.string({ error: "Indiquez le code postal." })
		.trim()
		.regex(/^\d{5}$/, "Le code postal compte 5 chiffres."),
	ville: text("la ville", 60),
});
export type MemberContactForm = z.output<typeof memberContactSchema>;

export interface MemberContact {
	readonly phone: string | null;
	readonly addressLine1: string;
	readonly addressLine2: string | null;
	readonly postalCode: string;
	readonly city: string;
}

export async function getMemberContact(
	db: Pick<Database, "select">,
	memberId: number,
): Promise<MemberContact | null> {
	const [row] = await db
		.select({
			phone: members.phone,
			addressLine1: members.addressLine1,
			addressLine2: members.addressLine2,
			postalCode: members.postalCode,
			city: members.city,
		})
		.from(members)
		.where(eq(members.id, memberId));
	return row ?? null;
}

/** Applies the corrections; returns the names of the fields that changed (none: nothing written). */
export async function updateMemberContact(
	db: Database,
	memberId: number,
	actor: DataActor,
	form: MemberContactForm,
	now: Date,
): Promise<string[]> {
	const next: MemberContact = {
		phone: form.telephone === "" ? null : form.telephone,
		addressLine1: form.adresse1,
		addressLine2: form.adresse2 === "" ? null : form.adresse2,
		postalCode: form.codePostal,
		city: form.ville,
	};
	return db.transaction(
		async (tx) => {
			const current = await getMemberContact(tx, memberId);
			if (!current) return [];
			const changed = (Object.keys(next) as (keyof MemberContact)[]).filter(
				(key) => current[key] !== next[key],
			);
			if (changed.length === 0) return [];
			// A new address may be in another commune: its INSEE code is no longer known.
			const moved = changed.includes("postalCode") || changed.includes("city");
			await tx
				.update(members)
				.set({ ...next, ...(moved ? { inseeCode: null } : {}), updatedAt: now })
				.where(eq(members.id, memberId));
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: actor.accountId,
				sessionId: actor.sessionId,
				correlationId: actor.correlationId,
				actorKind: "account",
				action: "donnees.contact.rectified",
				objectType: "member",
				objectId: String(memberId),
				outcome: "success",
				details: { fields: changed.join(",") },
			});
			return changed;
		},
		{ behavior: "immediate" },
	);
}
