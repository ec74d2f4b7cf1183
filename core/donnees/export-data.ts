// Articles 15 and 20 of the GDPR (article 8 of the CGU): everything the portal holds on the
// signed-in user, gathered section by section, each section scoped by the account (and its
// member, company or professional) so that nothing of anyone else can enter the export.
// What is left out on purpose: secrets (password hash, TOTP secret, recovery codes, token and
// session-secret hashes), the audit chain's hashes and the keyed hash of the IP address, and the
// full IBAN (only its last 4 characters, as every page shows it; the whole one on request to the
// DPO, ADR 0023).
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
	type Account,
	accounts,
	auditEvents,
	bankMandates,
	beneficiaries,
	cguAcceptances,
	companies,
	consents,
	dataDirectives,
	federatedIdentities,
	individualContracts,
	memberPayments,
	members,
	offers,
	persons,
	prestations,
	professionals,
	requestStatusHistory,
	requests,
	sessions,
	statements,
	tiersPayantCards,
	uploadedDocuments,
} from "../../schema/tables/index.ts";
import { EXPORT_SECTIONS, type ExportSectionName } from "./export-sections.ts";

export type ExportValue = string | number | boolean | null;
export type ExportRow = Readonly<Record<string, ExportValue>>;

export interface ExportSection {
	readonly name: ExportSectionName;
	readonly rows: readonly ExportRow[];
}

type Reader = Pick<Database, "select">;

/** Dates become ISO 8601 (UTC), everything else stays as stored. */
function plain(row: Record<string, unknown>): ExportRow {
	const out: Record<string, ExportValue> = {};
	for (const [key, value] of Object.entries(row)) {
		out[key] = value instanceof Date ? value.toISOString() : (value as ExportValue);
	}
	return out;
}

const plainRows = (rows: readonly Record<string, unknown>[]): ExportRow[] => rows.map(plain);

async function accountSection(db: Reader, accountId: number): Promise<ExportRow[]> {
	return plainRows(
		await db
			.select({
				identifiant: accounts.identifier,
				espace: accounts.space,
				email: accounts.email,
				emailVerifieLe: accounts.emailVerifiedAt,
				etat: accounts.state,
				creeLe: accounts.createdAt,
				activeLe: accounts.activatedAt,
				motDePasseChangeLe: accounts.passwordChangedAt,
				secondFacteur: accounts.secondFactorMethod,
				totpActive: accounts.totpEnabled,
				derniereConnexion: accounts.lastSignInAt,
				accesJusquau: accounts.accessUntil,
			})
			.from(accounts)
			.where(eq(accounts.id, accountId)),
	);
}

async function memberSections(
	db: Reader,
	memberId: number,
): Promise<Partial<Record<ExportSectionName, ExportRow[]>>> {
	const identity = await db
		.select({
			numeroAdherent: members.memberNumber,
			nom: persons.lastName,
			nomDeNaissance: persons.birthName,
			prenom: persons.firstName,
			dateDeNaissance: persons.birthDate,
			sexe: persons.sex,
			nir: persons.nir,
			adresse1: members.addressLine1,
			adresse2: members.addressLine2,
			codePostal: members.postalCode,
			ville: members.city,
			codeInsee: members.inseeCode,
			pays: members.countryCode,
			email: members.email,
			telephone: members.phone,
			relevesPapier: members.paperStatements,
		})
		.from(members)
		.innerJoin(persons, eq(persons.id, members.personId))
		.where(eq(members.id, memberId));
	const contracts = await db
		.select({
			numero: individualContracts.number,
			offre: offers.label,
			debut: individualContracts.startDate,
			fin: individualContracts.endDate,
			motifFin: individualContracts.endReason,
			cotisationCentimes: individualContracts.contributionCents,
			periodicite: individualContracts.contributionPeriodicity,
			modePaiement: individualContracts.paymentMethod,
			jourPrelevement: individualContracts.paymentDay,
			ibanRemboursement4Derniers: individualContracts.reimbursementIbanLast4,
			titulaireCompte: individualContracts.reimbursementHolder,
		})
		.from(individualContracts)
		.innerJoin(offers, eq(offers.id, individualContracts.offerId))
		.where(eq(individualContracts.memberId, memberId))
		.orderBy(asc(individualContracts.startDate));
	const people = await db
		.select({
			id: beneficiaries.id,
			nom: persons.lastName,
			prenom: persons.firstName,
			dateDeNaissance: persons.birthDate,
			sexe: persons.sex,
			nir: persons.nir,
			lien: beneficiaries.relationship,
			debut: beneficiaries.startDate,
			fin: beneficiaries.endDate,
			rang: beneficiaries.rank,
		})
		.from(beneficiaries)
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.where(eq(beneficiaries.memberId, memberId))
		.orderBy(asc(beneficiaries.rank));
	const lines = await db
		.select({
			id: prestations.id,
			dateDesSoins: prestations.careDate,
			beneficiaireId: prestations.beneficiaryId,
			acte: prestations.actCode,
			categorie: prestations.categoryCode,
			professionnel: professionals.practiceName,
			professionnelNom: professionals.lastName,
			quantite: prestations.quantity,
			depenseCentimes: prestations.chargedCents,
			baseCentimes: prestations.baseCents,
			tauxSecuPointsDeBase: prestations.ssRateBp,
			secuCentimes: prestations.ssPaidCents,
			participationForfaitaireCentimes: prestations.participationForfaitaireCents,
			franchiseCentimes: prestations.franchiseCents,
			mutuelleCentimes: prestations.mutuelleCents,
			resteACharge: prestations.remainingCents,
			payeA: prestations.paidTo,
			dateDePaiement: prestations.paymentDate,
			releveId: prestations.statementId,
		})
		.from(prestations)
		.leftJoin(professionals, eq(professionals.id, prestations.professionalId))
		.where(eq(prestations.memberId, memberId))
		.orderBy(asc(prestations.careDate), asc(prestations.id));
	const statementRows = await db
		.select({
			id: statements.id,
			mois: statements.month,
			publieLe: statements.publishedAt,
			nombreDeLignes: statements.lineCount,
			depenseCentimes: statements.chargedCents,
			secuCentimes: statements.ssPaidCents,
			mutuelleCentimes: statements.mutuelleCents,
			resteACharge: statements.remainingCents,
			verseAdherentCentimes: statements.paidToMemberCents,
			verseProfessionnelsCentimes: statements.paidToProfessionalsCents,
			envoyeParCourrierLe: statements.postedAt,
		})
		.from(statements)
		.where(eq(statements.memberId, memberId))
		.orderBy(asc(statements.month));
	const payments = await db
		.select({
			id: memberPayments.id,
			payeLe: memberPayments.paidOn,
			montantCentimes: memberPayments.amountCents,
			reference: memberPayments.reference,
			iban4Derniers: memberPayments.ibanLast4,
			statut: memberPayments.status,
			releveId: memberPayments.statementId,
		})
		.from(memberPayments)
		.where(eq(memberPayments.memberId, memberId))
		.orderBy(asc(memberPayments.paidOn), asc(memberPayments.id));
	const cards = await db
		.select({
			valableDu: tiersPayantCards.validFrom,
			valableAu: tiersPayantCards.validTo,
			numeroAmc: tiersPayantCards.amcNumber,
			typeDeConvention: tiersPayantCards.conventionType,
			critereDeRoutage: tiersPayantCards.routingCriterion,
			emiseLe: tiersPayantCards.issuedAt,
		})
		.from(tiersPayantCards)
		.where(eq(tiersPayantCards.memberId, memberId))
		.orderBy(asc(tiersPayantCards.validFrom));
	const mandates = await db
		.select({
			rum: bankMandates.rum,
			iban4Derniers: bankMandates.ibanLast4,
			titulaire: bankMandates.holderName,
			signeLe: bankMandates.signedOn,
			statut: bankMandates.status,
			dernierPrelevement: bankMandates.lastDebitOn,
		})
		.from(bankMandates)
		.where(eq(bankMandates.memberId, memberId));
	return {
		identite: plainRows(identity),
		contrats: plainRows(contracts),
		beneficiaires: plainRows(people),
		remboursements: plainRows(lines),
		releves: plainRows(statementRows),
		paiements: plainRows(payments),
		cartes: plainRows(cards),
		mandats: plainRows(mandates),
	};
}

async function companySection(db: Reader, companyId: number): Promise<ExportRow[]> {
	return plainRows(
		await db
			.select({
				raisonSociale: companies.name,
				siren: companies.siren,
				siret: companies.siret,
				adresse1: companies.addressLine1,
				adresse2: companies.addressLine2,
				codePostal: companies.postalCode,
				ville: companies.city,
				email: companies.email,
				telephone: companies.phone,
			})
			.from(companies)
			.where(eq(companies.id, companyId)),
	);
}

async function professionalSection(db: Reader, professionalId: number): Promise<ExportRow[]> {
	return plainRows(
		await db
			.select({
				rpps: professionals.rpps,
				finess: professionals.finess,
				nom: professionals.lastName,
				prenom: professionals.firstName,
				cabinet: professionals.practiceName,
				profession: professionals.profession,
				specialite: professionals.specialty,
				numeroDeConvention: professionals.conventionNumber,
				adresse1: professionals.addressLine1,
				adresse2: professionals.addressLine2,
				codePostal: professionals.postalCode,
				ville: professionals.city,
				email: professionals.email,
				telephone: professionals.phone,
			})
			.from(professionals)
			.where(eq(professionals.id, professionalId)),
	);
}

async function personSection(db: Reader, personId: number): Promise<ExportRow[]> {
	return plainRows(
		await db
			.select({ nom: persons.lastName, prenom: persons.firstName, dateDeNaissance: persons.birthDate })
			.from(persons)
			.where(eq(persons.id, personId)),
	);
}

async function requestSections(
	db: Reader,
	accountId: number,
): Promise<Partial<Record<ExportSectionName, ExportRow[]>>> {
	const own = await db
		.select({
			id: requests.id,
			reference: requests.reference,
			type: requests.kind,
			precision: requests.subKind,
			canal: requests.channel,
			contenu: requests.payload,
			statut: requests.status,
			creeeLe: requests.createdAt,
			accuseReceptionLe: requests.acknowledgedAt,
			reponseAttendueLe: requests.answerBy,
			reponduLe: requests.answeredAt,
			reponse: requests.answerText,
			clotureeLe: requests.closedAt,
		})
		.from(requests)
		.where(eq(requests.accountId, accountId))
		.orderBy(asc(requests.createdAt), asc(requests.id));
	const ids = own.map((row) => row.id);
	const history =
		ids.length === 0
			? []
			: await db
					.select({
						demandeId: requestStatusHistory.requestId,
						de: requestStatusHistory.fromStatus,
						vers: requestStatusHistory.toStatus,
						le: requestStatusHistory.changedAt,
						note: requestStatusHistory.note,
					})
					.from(requestStatusHistory)
					.where(inArray(requestStatusHistory.requestId, ids))
					.orderBy(asc(requestStatusHistory.changedAt), asc(requestStatusHistory.id));
	const documents = await db
		.select({
			demandeId: uploadedDocuments.requestId,
			nomDuFichier: uploadedDocuments.fileName,
			type: uploadedDocuments.contentType,
			tailleOctets: uploadedDocuments.sizeBytes,
			sha256: uploadedDocuments.sha256,
			deposeLe: uploadedDocuments.uploadedAt,
			supprimeLe: uploadedDocuments.deletedAt,
		})
		.from(uploadedDocuments)
		.where(eq(uploadedDocuments.ownerAccountId, accountId))
		.orderBy(asc(uploadedDocuments.uploadedAt));
	return {
		demandes: own.map((row) => plain({ ...row, contenu: JSON.stringify(row.contenu) })),
		historique_demandes: plainRows(history),
		documents: plainRows(documents),
	};
}

async function consentSections(
	db: Reader,
	accountId: number,
): Promise<Partial<Record<ExportSectionName, ExportRow[]>>> {
	const choices = await db
		.select({ finalite: consents.purpose, choix: consents.choice, le: consents.recordedAt })
		.from(consents)
		.where(eq(consents.accountId, accountId))
		.orderBy(asc(consents.recordedAt), asc(consents.id));
	const cgu = await db
		.select({
			version: cguAcceptances.version,
			accepteeLe: cguAcceptances.acceptedAt,
			capacite: cguAcceptances.capacity,
		})
		.from(cguAcceptances)
		.where(eq(cguAcceptances.accountId, accountId))
		.orderBy(asc(cguAcceptances.acceptedAt));
	const directives = await db
		.select({
			type: dataDirectives.kind,
			directives: dataDirectives.instructions,
			personne: dataDirectives.personName,
			contactPersonne: dataDirectives.personContact,
			enregistreesLe: dataDirectives.recordedAt,
			revoqueesLe: dataDirectives.revokedAt,
		})
		.from(dataDirectives)
		.where(eq(dataDirectives.accountId, accountId))
		.orderBy(asc(dataDirectives.recordedAt));
	return {
		consentements: plainRows(choices),
		directives: plainRows(directives),
		cgu: plainRows(cgu),
	};
}

async function activitySections(
	db: Reader,
	accountId: number,
): Promise<Partial<Record<ExportSectionName, ExportRow[]>>> {
	const own = await db
		.select({
			debut: sessions.createdAt,
			derniereUtilisation: sessions.lastUsedAt,
			expireLe: sessions.expiresAt,
			appareil: sessions.userAgentLabel,
			lieuApproximatif: sessions.approximatePlace,
		})
		.from(sessions)
		.where(eq(sessions.accountId, accountId))
		.orderBy(asc(sessions.createdAt));
	const trail = await db
		.select({
			numero: auditEvents.seq,
			le: auditEvents.occurredAt,
			action: auditEvents.action,
			objet: auditEvents.objectType,
			objetId: auditEvents.objectId,
			resultat: auditEvents.outcome,
		})
		.from(auditEvents)
		.where(eq(auditEvents.accountId, accountId))
		.orderBy(asc(auditEvents.seq));
	const links = await db
		.select({
			fournisseur: federatedIdentities.provider,
			identifiant: federatedIdentities.subject,
			relieeLe: federatedIdentities.linkedAt,
			derniereConnexion: federatedIdentities.lastUsedAt,
		})
		.from(federatedIdentities)
		.where(eq(federatedIdentities.accountId, accountId))
		.orderBy(asc(federatedIdentities.linkedAt));
	return {
		sessions: plainRows(own),
		// Only for the accounts that linked one (ADR 0039).
		...(links.length > 0 ? { identites_numeriques: plainRows(links) } : {}),
		journal: plainRows(trail),
	};
}

/** Every section of the export of `account`, in the order of EXPORT_SECTIONS, empty ones omitted. */
export async function collectPersonalData(
	db: Reader,
	account: Pick<Account, "id" | "memberId" | "companyId" | "professionalId" | "staffPersonId">,
): Promise<ExportSection[]> {
	const found: Partial<Record<ExportSectionName, ExportRow[]>> = {
		compte: await accountSection(db, account.id),
		...(account.memberId === null ? {} : await memberSections(db, account.memberId)),
		...(account.companyId === null ? {} : { entreprise: await companySection(db, account.companyId) }),
		...(account.professionalId === null
			? {}
			: { professionnel: await professionalSection(db, account.professionalId) }),
		...(account.staffPersonId === null ? {} : { contact: await personSection(db, account.staffPersonId) }),
		...(await requestSections(db, account.id)),
		...(await consentSections(db, account.id)),
		...(await activitySections(db, account.id)),
	};
	return EXPORT_SECTIONS.flatMap(({ name }) => {
		const rows = found[name];
		return rows === undefined ? [] : [{ name, rows }];
	});
}
