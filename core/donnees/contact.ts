// Rectification (GDPR art. 16) of what a user may correct alone: phone and postal address (a
// member's own, an employer's company's, a professional's practice's). The
// e-mail address goes through its own confirmation (core/email-change.ts); the name and the birth
// date are a request to the insurer (data-requests.ts), since they must match the civil status
// the contract and the Sécurité sociale know. The audit entry names the fields changed, never
// their values (the trail holds identifiers only).
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import {
	type Account,
	companies,
	members,
	professionals,
	reseauCommunes,
} from "../../schema/tables/index.ts";
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

/** Where the corrected contact data lives: the member, or the company / practice of the account. */
export type ContactTarget =
	| { readonly kind: "member"; readonly id: number }
	| { readonly kind: "company"; readonly id: number }
	| { readonly kind: "professional"; readonly id: number };

/**
 * What the signed-in account may correct alone: a member their own contact data; an employer
 * the company's phone and address; a professional the practice's (their account's e-mail, in
 * every space, through core/email-change.ts). Null for staff: their contact is the account's
 * e-mail only.
 */
export function contactTargetOf(
	account: Pick<Account, "space" | "memberId" | "companyId" | "professionalId">,
): ContactTarget | null {
	if (account.space === "adherent" && account.memberId !== null)
		return { kind: "member", id: account.memberId };
	if (account.space === "employeur" && account.companyId !== null)
		return { kind: "company", id: account.companyId };
	if (account.space === "professionnel" && account.professionalId !== null)
		return { kind: "professional", id: account.professionalId };
	return null;
}

export async function getContact(
	db: Pick<Database, "select">,
	target: ContactTarget,
): Promise<MemberContact | null> {
	if (target.kind === "member") return getMemberContact(db, target.id);
	const table = target.kind === "company" ? companies : professionals;
	const [row] = await db
		.select({
			phone: table.phone,
			addressLine1: table.addressLine1,
			addressLine2: table.addressLine2,
			postalCode: table.postalCode,
			city: table.city,
		})
		.from(table)
		.where(eq(table.id, target.id));
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
	return updateContact(db, { kind: "member", id: memberId }, actor, form, now);
}

/**
 * A practice that moves to another commune takes that commune's centre on the network map (the
 * precision the directory has for every practice of the seed); when the commune is not in the
 * directory's list, it leaves the map rather than stay pinned where it no longer is.
 */
async function placeOf(
	db: Pick<Database, "select">,
	address: Pick<MemberContact, "postalCode" | "city">,
): Promise<{ inseeCode: string | null; latitude: number | null; longitude: number | null }> {
	const communes = await db
		.select({
			insee: reseauCommunes.insee,
			name: reseauCommunes.name,
			latitude: reseauCommunes.latitude,
			longitude: reseauCommunes.longitude,
		})
		.from(reseauCommunes)
		.where(eq(reseauCommunes.postalCode, address.postalCode));
	const plain = (name: string) =>
		name
			.normalize("NFD")
			.replace(/\p{M}/gu, "")
			.replace(/[^a-z0-9]+/gi, " ")
			.trim()
			.toLowerCase();
	const found = communes.find((commune) => plain(commune.name) === plain(address.city));
	return found
		? { inseeCode: found.insee, latitude: found.latitude, longitude: found.longitude }
		: { inseeCode: null, latitude: null, longitude: null };
}

/** Applies the corrections to the target; returns the names of the fields that changed. */
export async function updateContact(
	db: Database,
	target: ContactTarget,
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
			const current = await getContact(tx, target);
			if (!current) return [];
			const changed = (Object.keys(next) as (keyof MemberContact)[]).filter(
				(key) => current[key] !== next[key],
			);
			if (changed.length === 0) return [];
			// A new address may be in another commune: its INSEE code is no longer known.
			const moved = changed.includes("postalCode") || changed.includes("city");
			if (target.kind === "member") {
				await tx
					.update(members)
					.set({ ...next, ...(moved ? { inseeCode: null } : {}), updatedAt: now })
					.where(eq(members.id, target.id));
			} else if (target.kind === "company") {
				await tx
					.update(companies)
					.set({ ...next, ...(moved ? { inseeCode: null } : {}), updatedAt: now })
					.where(eq(companies.id, target.id));
			} else {
				await tx
					.update(professionals)
					.set({ ...next, ...(moved ? await placeOf(tx, next) : {}), updatedAt: now })
					.where(eq(professionals.id, target.id));
			}
			await appendAuditEvent(tx, {
				occurredAt: now,
				accountId: actor.accountId,
				sessionId: actor.sessionId,
				correlationId: actor.correlationId,
				actorKind: "account",
				action: "donnees.contact.rectified",
				objectType: target.kind,
				objectId: String(target.id),
				outcome: "success",
				details: { fields: changed.join(",") },
			});
			return changed;
		},
		{ behavior: "immediate" },
	);
}
