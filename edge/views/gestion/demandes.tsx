// « Demandes »: the queue of everything awaiting staff, most urgent first, with each deadline and
// overdue alerts; one request with its facts, the requester's text (escaped), its history and the
// forms its kind allows.

import type { Child } from "hono/jsx";
import { UNRECOGNISED_REIMBURSEMENT } from "../../../core/adherent/complaints.ts";
import type { StaffRequestView } from "../../../core/gestion/queue.ts";
import {
	type EntryDeadlineKind,
	type OtherQueueKind,
	otherQueueKinds,
	type QueueEntry,
	type QueueKind,
} from "../../../core/gestion/queue-entries.ts";
import type { RequestFacts } from "../../../core/gestion/request-details.ts";
import { requestKindLabels, requestKinds } from "../../../schema/enums.ts";
import { ErrorSummary, type FieldErrors, Select, TextArea } from "../form.tsx";
import { DATE_TIME, DAY, DEADLINE_LABELS, REQUEST_STATUS_LABELS } from "./labels.ts";

const ENTRY_DEADLINE_LABELS: Readonly<Record<EntryDeadlineKind, string>> = {
	...DEADLINE_LABELS,
	applies: "Application du changement",
	review: "À examiner avant",
};

export const OTHER_KIND_LABELS: Readonly<Record<OtherQueueKind, string>> = {
	unrecognised_reimbursement: "Remboursement non reconnu",
	practice_message: "Message d'un professionnel de santé",
	employer_bank_change: "Changement bancaire d'une entreprise",
	sign_in_incident: "Incident de connexion",
};

function Deadline({ entry }: { readonly entry: QueueEntry }) {
	return (
		<>
			{ENTRY_DEADLINE_LABELS[entry.deadlineKind]} : {DAY.format(entry.deadline)}{" "}
			{entry.overdue ? (
				<span class="badge badge-error">En retard</span>
			) : entry.dueSoon ? (
				<span class="badge badge-warning">Bientôt dû</span>
			) : null}
		</>
	);
}

/** One row's reference (a link to its page), type, status and who it concerns. */
function describeEntry(
	entry: QueueEntry,
	mayOpenAccounts: boolean,
): { reference: Child; type: string; status: string; who: Child } {
	const accountLink = (identifier: string) =>
		mayOpenAccounts ? <a href={`/gestion/comptes/${identifier}`}>{identifier}</a> : identifier;
	switch (entry.source) {
		case "request": {
			const { item } = entry;
			return {
				reference: <a href={`/gestion/demandes/${item.id}`}>{item.reference}</a>,
				type:
					item.subKind === UNRECOGNISED_REIMBURSEMENT
						? OTHER_KIND_LABELS.unrecognised_reimbursement
						: requestKindLabels[item.kind],
				status: REQUEST_STATUS_LABELS[item.status],
				who: item.accountIdentifier ?? "—",
			};
		}
		case "practice_message":
			return {
				reference: <a href={`/gestion/demandes/messages/${entry.message.id}`}>{entry.message.reference}</a>,
				type: OTHER_KIND_LABELS.practice_message,
				status: entry.message.answeredAt ? "Répondu, à clôturer" : "Reçu",
				who: `${entry.message.practice} (${entry.message.accountIdentifier})`,
			};
		case "employer_bank_change":
			return {
				reference: (
					<a href={`/gestion/demandes/changements-bancaires/${entry.change.id}`}>
						Changement n° {entry.change.id}
					</a>
				),
				type: OTHER_KIND_LABELS.employer_bank_change,
				status: `En délai de réflexion, vers ${entry.change.maskedIban}`,
				who: entry.change.companyName,
			};
		case "sign_in_incident":
			return {
				reference: accountLink(entry.incident.identifier),
				type: OTHER_KIND_LABELS.sign_in_incident,
				status: entry.incident.blockedUntil
					? `${entry.incident.windowFailures} échecs en 24 h, bloqué jusqu'au ${DATE_TIME.format(entry.incident.blockedUntil)}`
					: `${entry.incident.windowFailures} échecs en 24 h`,
				who: accountLink(entry.incident.identifier),
			};
	}
}

export function QueuePage(props: {
	readonly entries: readonly QueueEntry[];
	readonly kind: QueueKind | undefined;
	readonly mayOpenAccounts: boolean;
}) {
	const overdue = props.entries.filter((entry) => entry.overdue).length;
	return (
		<>
			<h1>Demandes</h1>
			<form method="get" action="/gestion/demandes">
				<Select
					name="type"
					label="Type de demande"
					all="Toutes les demandes"
					value={props.kind}
					options={[
						...requestKinds.map((kind) => ({ value: kind, label: requestKindLabels[kind] })),
						...otherQueueKinds.map((kind) => ({ value: kind, label: OTHER_KIND_LABELS[kind] })),
					]}
					error={undefined}
				/>
				<div class="actions">
					<button type="submit">Filtrer</button>
				</div>
			</form>
			{overdue > 0 ? (
				<div class="alert alert-error" role="alert">
					{overdue} demande(s) ont dépassé leur délai.
				</div>
			) : null}
			{props.entries.length === 0 ? (
				<p>Aucune demande en attente.</p>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="file-titre">
					<table>
						<caption id="file-titre">Demandes en attente, de la plus urgente à la moins urgente</caption>
						<thead>
							<tr>
								<th scope="col">Référence</th>
								<th scope="col">Type</th>
								<th scope="col">Reçue le</th>
								<th scope="col">Statut</th>
								<th scope="col">Prochain délai</th>
								<th scope="col">Compte</th>
							</tr>
						</thead>
						<tbody>
							{props.entries.map((entry) => {
								const row = describeEntry(entry, props.mayOpenAccounts);
								return (
									<tr>
										<th scope="row">{row.reference}</th>
										<td>{row.type}</td>
										<td>{DAY.format(entry.createdAt)}</td>
										<td>{row.status}</td>
										<td>
											<Deadline entry={entry} />
										</td>
										<td>{row.who}</td>
									</tr>
								);
							})}
						</tbody>
					</table>
				</section>
			)}
		</>
	);
}

function ComplaintForms(props: {
	readonly view: StaffRequestView;
	readonly errors: FieldErrors;
	readonly values: Readonly<Record<string, string>>;
}) {
	const { request } = props.view;
	const action = `/gestion/demandes/${request.id}/reclamation`;
	return (
		<section aria-labelledby="traiter-titre">
			<h2 id="traiter-titre">Traiter la réclamation</h2>
			{request.status === "received" || request.status === "acknowledged" ? (
				<form method="post" action={action} class="actions">
					{request.status === "received" ? (
						<button type="submit" name="operation" value="accuser" class="button-secondary">
							Accuser réception
						</button>
					) : null}
					<button type="submit" name="operation" value="en-cours" class="button-secondary">
						Prendre en charge
					</button>
				</form>
			) : null}
			<form method="post" action={action}>
				<input type="hidden" name="operation" value="repondre" />
				<TextArea
					name="reponse"
					label="Réponse à l'adhérent"
					hint="L'adhérent la lit dans son espace ; il reçoit un e-mail qui l'y invite (5 000 caractères au plus). En cas de refus, rappelez les voies de recours."
					maxlength={5000}
					value={props.values.reponse}
					error={props.errors.reponse}
				/>
				<div class="actions">
					<button type="submit">Envoyer la réponse</button>
				</div>
			</form>
			<form method="post" action={action} class="actions">
				<button type="submit" name="operation" value="cloturer" class="button-secondary">
					Clôturer la réclamation
				</button>
			</form>
		</section>
	);
}

function BeneficiaryForms(props: {
	readonly view: StaffRequestView;
	readonly errors: FieldErrors;
	readonly values: Readonly<Record<string, string>>;
}) {
	return (
		<section aria-labelledby="decider-titre">
			<h2 id="decider-titre">Décider</h2>
			<form method="post" action={`/gestion/demandes/${props.view.request.id}/beneficiaire`}>
				<TextArea
					name="motif"
					label="Réponse à l'adhérent"
					hint="Obligatoire pour un refus (500 caractères au plus). Facultative pour une acceptation : sans elle, l'adhérent lit la date de début ou de fin de couverture."
					maxlength={500}
					rows={4}
					required={false}
					value={props.values.motif}
					error={props.errors.motif}
				/>
				<div class="actions">
					<button type="submit" name="decision" value="accepter">
						Accepter la demande
					</button>
					<button type="submit" name="decision" value="refuser" class="button-danger">
						Refuser la demande
					</button>
				</div>
			</form>
		</section>
	);
}

function DataProtectionForms(props: {
	readonly view: StaffRequestView;
	readonly errors: FieldErrors;
	readonly values: Readonly<Record<string, string>>;
}) {
	const action = `/gestion/demandes/${props.view.request.id}/donnees`;
	return (
		<section aria-labelledby="repondre-titre">
			<h2 id="repondre-titre">Répondre (dans le mois)</h2>
			{props.view.request.status !== "in_progress" ? (
				<form method="post" action={action} class="actions">
					<button type="submit" name="operation" value="en-cours" class="button-secondary">
						Prendre en charge
					</button>
				</form>
			) : null}
			<form method="post" action={action}>
				<input type="hidden" name="operation" value="repondre" />
				<TextArea
					name="reponse"
					label="Réponse à la personne concernée"
					maxlength={5000}
					value={props.values.reponse}
					error={props.errors.reponse}
				/>
				<div class="actions">
					<button type="submit">Envoyer la réponse</button>
				</div>
			</form>
		</section>
	);
}

export function RequestPage(props: {
	readonly view: StaffRequestView;
	readonly details: RequestFacts;
	readonly notice?: string | undefined;
	readonly errors: FieldErrors;
	readonly values: Readonly<Record<string, string>>;
}) {
	const { request, item, history } = props.view;
	const kind = request.kind;
	const forms = { errors: props.errors, values: props.values, view: props.view };
	const closed = request.status === "closed" || request.status === "cancelled";
	return (
		<>
			<h1>
				{requestKindLabels[kind]} {request.reference}
			</h1>
			{props.notice ? (
				<div class="alert alert-success" role="status">
					{props.notice}
				</div>
			) : null}
			{props.view.open && item.overdue ? (
				<div class="alert alert-error" role="alert">
					Délai dépassé : {DEADLINE_LABELS[item.deadlineKind].toLowerCase()} attendu(e) le{" "}
					{DAY.format(item.deadline)}.
				</div>
			) : null}
			<ErrorSummary errors={props.errors} />
			<dl class="facts">
				<dt>Statut</dt>
				<dd>{REQUEST_STATUS_LABELS[request.status]}</dd>
				<dt>Reçue le</dt>
				<dd>{DATE_TIME.format(request.createdAt)}</dd>
				<dt>Compte</dt>
				<dd>
					{item.accountIdentifier ? (
						<a href={`/gestion/comptes/${item.accountIdentifier}`}>{item.accountIdentifier}</a>
					) : (
						"—"
					)}
				</dd>
				{request.acknowledgeBy ? (
					<>
						<dt>Accusé de réception dû le</dt>
						<dd>{DAY.format(request.acknowledgeBy)} (10 jours ouvrables)</dd>
					</>
				) : null}
				{request.answerBy ? (
					<>
						<dt>Réponse due le</dt>
						<dd>{DAY.format(request.answerBy)}</dd>
					</>
				) : null}
				{props.details.facts.map((fact) => (
					<>
						<dt>{fact.label}</dt>
						<dd>{fact.value}</dd>
					</>
				))}
			</dl>
			{props.details.text !== null ? (
				<>
					<h2>Message de l'adhérent</h2>
					<p class="mail-text">{props.details.text}</p>
				</>
			) : null}
			{props.details.answer ? (
				<>
					<h2>Réponse donnée</h2>
					<p class="mail-text">{props.details.answer}</p>
				</>
			) : null}
			{kind === "complaint" && !closed ? <ComplaintForms {...forms} /> : null}
			{(kind === "beneficiary_add" || kind === "beneficiary_remove") && props.view.open ? (
				<BeneficiaryForms {...forms} />
			) : null}
			{kind === "data_protection" && props.view.open ? <DataProtectionForms {...forms} /> : null}
			{kind === "fraud_report" && props.view.open && item.accountIdentifier ? (
				<p>
					<a href={`/gestion/comptes/${item.accountIdentifier}`}>
						Vérifier les opérations et rouvrir le compte
					</a>
				</p>
			) : null}
			<h2>Suivi</h2>
			<ol>
				{history.map((event) => (
					<li>
						{DATE_TIME.format(event.at)} : {REQUEST_STATUS_LABELS[event.to]}
						{event.note ? ` – ${event.note}` : ""}
					</li>
				))}
			</ol>
			<p>
				<a href="/gestion/demandes">Toutes les demandes</a>
			</p>
		</>
	);
}
