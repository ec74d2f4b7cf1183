// The rights of a member as a practice sees them: the form (member number, beneficiary's birth
// date, date of care) and the answer, which repeats the attestation de tiers payant for that day
// and nothing more. The same block serves the form's answer and the QR code's page.

import { formatDay } from "../../../core/format.ts";
import type { PracticeRights } from "../../../core/professionnel/rights.ts";
import { relationshipLabels } from "../../../schema/enums.ts";
import { Alert, DateField, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export function RightsBlock({ rights }: { readonly rights: PracticeRights }) {
	return (
		<section class="card" aria-labelledby="droits-resultat-titre">
			<h2 id="droits-resultat-titre">Droits au {formatDay(rights.careDate)}</h2>
			<Alert kind="success">
				<p>
					Attestation de tiers payant valide du {formatDay(rights.validFrom)} au {formatDay(rights.validTo)} :
					tiers payant <strong>{rights.tiersPayant ? "oui" : "non"}</strong> sur la part complémentaire.
				</p>
			</Alert>
			<dl class="facts">
				<dt>Numéro d'adhérent</dt>
				<dd>{rights.memberNumber}</dd>
				<dt>Numéro AMC</dt>
				<dd>{rights.amcNumber}</dd>
				<dt>Type de convention</dt>
				<dd>{rights.conventionType}</dd>
				<dt>Critère secondaire de routage</dt>
				<dd>{rights.routingCriterion}</dd>
				<dt>Contrat responsable</dt>
				<dd>{rights.responsible ? "Oui" : "Non"}</dd>
			</dl>
			<h3 id="droits-beneficiaires">Bénéficiaire{rights.beneficiaries.length > 1 ? "s" : ""}</h3>
			<section class="table-wrap" tabindex={0} aria-labelledby="droits-beneficiaires">
				<table>
					<thead>
						<tr>
							<th scope="col">Nom</th>
							<th scope="col">Prénom</th>
							<th scope="col">Qualité</th>
							<th scope="col">Date de naissance</th>
						</tr>
					</thead>
					<tbody>
						{rights.beneficiaries.map((person) => (
							<tr>
								<td>{person.lastName.toUpperCase()}</td>
								<td>{person.firstName}</td>
								<td>{relationshipLabels[person.relationship]}</td>
								<td>{formatDay(person.birthDate)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			<h3 id="droits-domaines">Domaines de soins</h3>
			<section class="table-wrap" tabindex={0} aria-labelledby="droits-domaines">
				<table>
					<thead>
						<tr>
							<th scope="col">Code</th>
							<th scope="col">Domaine de soins</th>
							<th scope="col">Pris en charge</th>
							<th scope="col">Niveau</th>
						</tr>
					</thead>
					<tbody>
						{rights.domains.map((domain) => (
							<tr>
								<td>{domain.code}</td>
								<td>{domain.label ?? "–"}</td>
								<td>{domain.covered ? "Oui" : "Non"}</td>
								<td>{domain.value}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
		</section>
	);
}

export const REFUSAL_MESSAGES = {
	not_found:
		"Aucun bénéficiaire ne correspond à ce numéro d'adhérent et à cette date de naissance. Vérifiez la carte de tiers payant du patient.",
	no_rights:
		"Ce bénéficiaire n'a pas de droits ouverts en tiers payant à la date des soins : le tiers payant n'est pas possible.",
} as const;

export interface RightsFormPageProps {
	readonly values: Readonly<Record<string, string | undefined>>;
	readonly errors?: FieldErrors;
	readonly rights?: PracticeRights;
	readonly refusal?: keyof typeof REFUSAL_MESSAGES;
}

export function RightsFormPage({ values, errors = {}, rights, refusal }: RightsFormPageProps) {
	return (
		<>
			<h1>Droits d'un adhérent</h1>
			<p class="lead">
				Vérifiez les droits en tiers payant d'un patient à la date des soins, tels que sa carte de tiers
				payant les indique. Chaque vérification est enregistrée et visible par l'adhérent.
			</p>
			<ErrorSummary errors={errors} />
			{refusal ? (
				<Alert kind="warning">
					<p>{REFUSAL_MESSAGES[refusal]}</p>
				</Alert>
			) : null}
			<form method="post" action="/professionnel/droits" novalidate>
				<TextField
					name="numeroAdherent"
					label="Numéro d'adhérent"
					hint="Tel qu'il figure sur la carte de tiers payant, chiffres uniquement."
					inputmode="numeric"
					autocomplete="off"
					maxlength={20}
					value={values.numeroAdherent}
					error={errors.numeroAdherent}
				/>
				<DateField
					name="naissance"
					legend="Date de naissance du bénéficiaire"
					values={values}
					error={errors.naissance}
				/>
				<DateField
					name="soins"
					legend="Date des soins"
					hint="Aujourd'hui par défaut. Par exemple, 27 3 2026."
					values={values}
					error={errors.soins}
				/>
				<p>
					<button type="submit">Vérifier les droits</button>
				</p>
			</form>
			{rights ? <RightsBlock rights={rights} /> : null}
		</>
	);
}

export const CARD_REFUSAL_MESSAGES = {
	expired:
		"Ce QR code a expiré. Demandez au patient sa carte de tiers payant en cours, ou vérifiez ses droits avec son numéro d'adhérent.",
	tampered:
		"Ce QR code n'est pas valide : il a été modifié ou mal lu. Scannez-le à nouveau, ou vérifiez les droits avec le numéro d'adhérent.",
	rate_limited:
		"Votre cabinet a fait trop de vérifications en peu de temps. Patientez quelques minutes avant de réessayer.",
	revoked:
		"Ce QR code a été révoqué : la carte qui le porte a été remplacée ou n'est plus valide. Demandez au patient sa carte en cours.",
} as const;

export function CardRightsPage(
	props: { readonly rights: PracticeRights } | { readonly refusal: keyof typeof CARD_REFUSAL_MESSAGES },
) {
	return (
		<>
			<h1>Droits d'un adhérent (QR code)</h1>
			{"rights" in props ? (
				<RightsBlock rights={props.rights} />
			) : (
				<Alert kind="error">
					<p>{CARD_REFUSAL_MESSAGES[props.refusal]}</p>
				</Alert>
			)}
			<p>
				<a href="/professionnel/droits">Vérifier les droits avec le numéro d'adhérent</a>
			</p>
		</>
	);
}
