// The beneficiaries page: who the contract covers (the NIR shown only by its last characters),
// the links to add or remove someone, and the beneficiary requests with their status.

import type { BeneficiaryRequestView, BeneficiaryView } from "../../../core/adherent/beneficiaries.ts";
import { formatDay, formatInstantDay } from "../../../core/format.ts";
import { OPEN_REQUEST_STATUSES } from "../../../core/requests.ts";
import { type RequestStatus, relationshipLabels } from "../../../schema/enums.ts";
import { Alert } from "../form.tsx";

/** For beneficiary requests, "closed" means carried out; a refusal is "rejected". */
export const BENEFICIARY_REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
	received: "Reçue",
	acknowledged: "Prise en compte",
	in_progress: "En cours de traitement",
	answered: "Traitée",
	closed: "Acceptée",
	rejected: "Refusée",
	cancelled: "Annulée",
};

const KIND_LABELS = { beneficiary_add: "Ajout", beneficiary_remove: "Retrait" } as const;

export function MaskedNir({ end }: { readonly end: string | null }) {
	if (!end) return <>Non renseigné</>;
	return (
		<>
			<span aria-hidden="true">•••••••••••• {end}</span>
			<span class="sr-only">Numéro se terminant par {end.split("").join(" ")}</span>
		</>
	);
}

function isOpen(request: BeneficiaryRequestView): boolean {
	return (OPEN_REQUEST_STATUSES as readonly string[]).includes(request.status);
}

function RequestsTable({
	id,
	caption,
	rows,
}: {
	id: string;
	caption: string;
	rows: readonly BeneficiaryRequestView[];
}) {
	return (
		<section class="table-wrap" tabindex={0} aria-labelledby={id}>
			<table>
				<caption id={id}>{caption}</caption>
				<thead>
					<tr>
						<th scope="col">Référence</th>
						<th scope="col">Demande</th>
						<th scope="col">Bénéficiaire</th>
						<th scope="col">Envoyée le</th>
						<th scope="col">État</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((request) => (
						<tr>
							<td>{request.reference}</td>
							<td>
								{KIND_LABELS[request.kind]}
								{request.lastCoveredDay ? ` (couverture jusqu'au ${formatDay(request.lastCoveredDay)})` : ""}
							</td>
							<td>{request.personName}</td>
							<td>{formatInstantDay(request.createdAt)}</td>
							<td>
								{BENEFICIARY_REQUEST_STATUS_LABELS[request.status]}
								{request.answerText && !isOpen(request) ? (
									<>
										<br />
										<span class="muted">{request.answerText}</span>
									</>
								) : null}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}

export interface BeneficiariesPageProps {
	readonly beneficiaries: readonly BeneficiaryView[];
	readonly requests: readonly BeneficiaryRequestView[];
	/** The request just recorded, to confirm it with its reference. */
	readonly recorded?: BeneficiaryRequestView | undefined;
}

export function BeneficiariesPage({ beneficiaries, requests, recorded }: BeneficiariesPageProps) {
	const pending = requests.filter(isOpen);
	const decided = requests.filter((request) => !isOpen(request));
	const removing = new Map(
		pending.flatMap((request) =>
			request.kind === "beneficiary_remove" && request.beneficiaryId !== null
				? [[request.beneficiaryId, request.reference] as const]
				: [],
		),
	);
	return (
		<>
			<h1>Bénéficiaires</h1>
			{recorded ? (
				<Alert kind="success">
					<p>
						Votre demande de {recorded.kind === "beneficiary_add" ? "l'ajout" : "retrait"} de{" "}
						{recorded.personName} est enregistrée sous la référence <strong>{recorded.reference}</strong>. Nos
						services l'examinent ; son état s'affiche ci-dessous.
					</p>
				</Alert>
			) : null}
			<p>Les personnes couvertes par votre contrat.</p>
			<p class="actions">
				<a class="button" href="/adherent/beneficiaires/ajout">
					Ajouter un bénéficiaire
				</a>
			</p>
			<section class="table-wrap" tabindex={0} aria-labelledby="couverts-titre">
				<table>
					<caption id="couverts-titre">Personnes couvertes</caption>
					<thead>
						<tr>
							<th scope="col">Nom</th>
							<th scope="col">Lien</th>
							<th scope="col">Date de naissance</th>
							<th scope="col">N° de sécurité sociale</th>
							<th scope="col">Action</th>
						</tr>
					</thead>
					<tbody>
						{beneficiaries.map((person) => (
							<tr>
								<td>
									{person.firstName} {person.lastName}
									{person.endDate ? (
										<>
											<br />
											<span class="muted">Couvert(e) jusqu'au {formatDay(person.endDate)}</span>
										</>
									) : null}
								</td>
								<td>{relationshipLabels[person.relationship]}</td>
								<td>{formatDay(person.birthDate)}</td>
								<td>
									<MaskedNir end={person.nirEnd} />
								</td>
								<td>
									{person.relationship === "adherent" ? (
										"Titulaire du contrat"
									) : removing.has(person.id) ? (
										`Retrait demandé (${removing.get(person.id)})`
									) : person.endDate ? (
										"–"
									) : (
										<a href={`/adherent/beneficiaires/${person.id}/retrait`}>
											Retirer<span class="sr-only"> {`${person.firstName} ${person.lastName}`}</span>
										</a>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>

			<h2>Demandes en cours</h2>
			{pending.length > 0 ? (
				<RequestsTable id="demandes-en-cours" caption="Demandes en attente de décision" rows={pending} />
			) : (
				<p>Aucune demande en cours.</p>
			)}
			{decided.length > 0 ? (
				<>
					<h2>Demandes traitées</h2>
					<RequestsTable id="demandes-traitees" caption="Demandes déjà décidées" rows={decided} />
				</>
			) : null}
		</>
	);
}
