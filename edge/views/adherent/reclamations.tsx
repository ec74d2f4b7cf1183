// The pages of « Réclamations »: the list, the form, one complaint with its history, its answer,
// its deadlines and, when it applies, the mediator's contact details.

import {
	COMPLAINT_CATEGORIES,
	COMPLAINT_MAX_LENGTH,
	type Complaint,
	type ComplaintEvent,
} from "../../../core/adherent/complaints.ts";
import { formatAddress, organisation } from "../../../core/organisation.ts";
import type { RequestStatus } from "../../../schema/enums.ts";
import { AttachmentField } from "../attachment-field.tsx";
import { ErrorSummary, type FieldErrors, RadioGroup, TextArea } from "../form.tsx";
import { KeptDocumentNotice } from "./kept-document.tsx";

const DAY = new Intl.DateTimeFormat("fr-FR", {
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
	timeZone: "Europe/Paris",
});
const DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
	dateStyle: "short",
	timeStyle: "short",
	timeZone: "Europe/Paris",
});

export const STATUS_LABELS: Record<RequestStatus, string> = {
	received: "Reçue",
	acknowledged: "Reçue",
	in_progress: "En cours",
	answered: "Répondue",
	rejected: "Répondue",
	cancelled: "Annulée",
	closed: "Clôturée",
};

function StatusBadge({ status }: { readonly status: RequestStatus }) {
	const kind =
		status === "answered" || status === "closed" ? "success" : status === "in_progress" ? "info" : "warning";
	return <span class={`badge badge-${kind}`}>{STATUS_LABELS[status]}</span>;
}

export function ComplaintListPage({
	complaints,
	notice,
}: {
	readonly complaints: readonly Complaint[];
	readonly notice?: string | undefined;
}) {
	return (
		<>
			<h1>Réclamations</h1>
			{notice ? (
				<div class="alert alert-success" role="status">
					{notice}
				</div>
			) : null}
			<p>
				Une insatisfaction sur nos services ? Écrivez-nous : nous accusons réception aussitôt et nous vous
				répondons dans un délai de deux mois au plus.
			</p>
			<p>
				<a class="button" href="/adherent/reclamations/nouvelle">
					Faire une réclamation
				</a>
			</p>
			{complaints.length === 0 ? (
				<p>Vous n'avez fait aucune réclamation.</p>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="reclamations-liste">
					<table>
						<caption id="reclamations-liste">Vos réclamations, de la plus récente à la plus ancienne</caption>
						<thead>
							<tr>
								<th scope="col">Référence</th>
								<th scope="col">Sujet</th>
								<th scope="col">Reçue le</th>
								<th scope="col">Réponse au plus tard le</th>
								<th scope="col">Statut</th>
							</tr>
						</thead>
						<tbody>
							{complaints.map((complaint) => (
								<tr>
									<th scope="row">
										<a href={`/adherent/reclamations/${complaint.id}`}>{complaint.reference}</a>
									</th>
									<td>{complaint.subject}</td>
									<td>{DAY.format(complaint.createdAt)}</td>
									<td>{complaint.answerBy ? DAY.format(complaint.answerBy) : "—"}</td>
									<td>
										<StatusBadge status={complaint.status} />
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			)}
		</>
	);
}

export function ComplaintFormPage({
	values,
	errors,
}: {
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}) {
	return (
		<>
			<h1>Faire une réclamation</h1>
			<ErrorSummary errors={errors} />
			<form method="post" action="/adherent/reclamations" enctype="multipart/form-data" novalidate>
				<RadioGroup
					name="categorie"
					legend="Votre réclamation concerne"
					options={Object.entries(COMPLAINT_CATEGORIES).map(([value, label]) => ({ value, label }))}
					value={values.categorie}
					error={errors.categorie}
				/>
				<TextArea
					name="texte"
					label="Votre réclamation"
					hint={`Décrivez la situation et ce que vous attendez de nous (${COMPLAINT_MAX_LENGTH} caractères au plus). N'indiquez pas d'informations médicales dont nous n'avons pas besoin.`}
					maxlength={COMPLAINT_MAX_LENGTH}
					value={values.texte}
					error={errors.texte}
				/>
				<KeptDocumentNotice
					values={values}
					message={(name) =>
						`Votre pièce jointe « ${name} » est bien reçue : inutile de l'envoyer à nouveau. Pour la remplacer, choisissez un autre fichier ci-dessous.`
					}
				/>
				<AttachmentField errors={errors} />
				<div class="actions">
					<button type="submit">Envoyer ma réclamation</button>
				</div>
			</form>
		</>
	);
}

export function ComplaintPage({
	complaint,
	history,
	mediatorOpen,
}: {
	readonly complaint: Complaint;
	readonly history: readonly ComplaintEvent[];
	readonly mediatorOpen: boolean;
}) {
	return (
		<>
			<h1>Réclamation {complaint.reference}</h1>
			<dl class="facts">
				<dt>Sujet</dt>
				<dd>{complaint.subject}</dd>
				<dt>Statut</dt>
				<dd>
					<StatusBadge status={complaint.status} />
				</dd>
				<dt>Reçue le</dt>
				<dd>{DAY.format(complaint.createdAt)}</dd>
				{complaint.acknowledgeBy ? (
					<>
						<dt>Accusé de réception dû au plus tard le</dt>
						<dd>{DAY.format(complaint.acknowledgeBy)} (10 jours ouvrables)</dd>
					</>
				) : null}
				{complaint.answerBy ? (
					<>
						<dt>Réponse due au plus tard le</dt>
						<dd>{DAY.format(complaint.answerBy)} (2 mois)</dd>
					</>
				) : null}
			</dl>
			<h2>Votre message</h2>
			<p class="mail-text">{complaint.text}</p>
			{complaint.prestationId ? (
				<p>
					<a href={`/adherent/remboursements/${complaint.prestationId}`}>Voir le remboursement concerné</a>
				</p>
			) : null}
			{complaint.attachmentKey ? <p>Une pièce jointe accompagne votre réclamation.</p> : null}
			<h2>Notre réponse</h2>
			{complaint.answer ? (
				<>
					<p class="muted">Répondue le {complaint.answeredAt ? DAY.format(complaint.answeredAt) : ""}.</p>
					<p class="mail-text">{complaint.answer}</p>
				</>
			) : (
				<p>Nous étudions votre réclamation et vous répondrons au plus tard à la date indiquée ci-dessus.</p>
			)}
			<h2>Suivi</h2>
			<ol>
				{history.map((event) => (
					<li>
						{DATE_TIME.format(event.at)} : {STATUS_LABELS[event.status]}
						{event.note ? ` – ${event.note}` : ""}
					</li>
				))}
			</ol>
			{mediatorOpen ? (
				<section aria-labelledby="mediation-titre">
					<h2 id="mediation-titre">Si notre réponse ne vous satisfait pas</h2>
					<p>
						Si notre réponse ne vous convient pas, ou si vous n'avez pas reçu de réponse dans les deux mois,
						vous pouvez saisir gratuitement le {organisation.mediator.name}, dans un délai d'un an à compter
						de votre réclamation écrite :
					</p>
					<address>
						{formatAddress(organisation.mediator.address).map((line) => (
							<>
								{line}
								<br />
							</>
						))}
						{organisation.mediator.website.replace(/^https:\/\//, "")}
					</address>
				</section>
			) : null}
			<p>
				<a href="/adherent/reclamations">Toutes mes réclamations</a>
			</p>
		</>
	);
}
