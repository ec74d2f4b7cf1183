// The data-protection requests of an account: the list (every one opens), one request with its
// deadline, history and answer, and the form to send a new one to the DPO.
import type { DataRequestDetail, DataRequestSummary } from "../../../core/donnees/data-requests.ts";
import { DATA_REQUEST_MAX_LENGTH, DATA_REQUEST_RIGHTS } from "../../../core/donnees/data-requests.ts";
import type { MinorBeneficiary } from "../../../core/donnees/minors.ts";
import { formatInstant, formatLongInstantDay } from "../../../core/format.ts";
import { REQUEST_STATUS_LABELS } from "../adherent/format.ts";
import { AttachmentField } from "../attachment-field.tsx";
import { Alert, ErrorSummary, type FieldErrors, RadioGroup, TextArea, TextField } from "../form.tsx";

const rightLabel = (right: DataRequestSummary["right"]) =>
	right ? DATA_REQUEST_RIGHTS[right] : "Données personnelles";

export function DataRequestListPage({ list }: { readonly list: readonly DataRequestSummary[] }) {
	return (
		<>
			<h1>Mes demandes sur mes données</h1>
			<p>
				Nous répondons dans un délai d'un mois. Si une demande est complexe, ce délai peut être prolongé de
				deux mois : nous vous le disons avant la fin du premier mois, avec la raison.
			</p>
			<p>
				<a class="button" href="/compte/donnees/demandes/nouvelle">
					Faire une demande au délégué à la protection des données
				</a>
			</p>
			{list.length === 0 ? (
				<p>Vous n'avez fait aucune demande sur vos données.</p>
			) : (
				<ul>
					{list.map((request) => (
						<li>
							<a href={`/compte/donnees/demandes/${request.id}`}>
								{rightLabel(request.right)}, <strong>{request.reference}</strong>
							</a>{" "}
							du {formatLongInstantDay(request.createdAt)} : {REQUEST_STATUS_LABELS[request.status]}
							{request.answerBy ? `, réponse au plus tard le ${formatLongInstantDay(request.answerBy)}` : ""}.
						</li>
					))}
				</ul>
			)}
			<p>
				<a href="/compte/donnees">Retour à mes données personnelles</a>
			</p>
		</>
	);
}

export function DataRequestPage({
	request,
	sent,
}: {
	readonly request: DataRequestDetail;
	readonly sent: boolean;
}) {
	return (
		<>
			<h1>
				Demande {request.reference} : {rightLabel(request.right)}
			</h1>
			{sent ? (
				<Alert kind="success">
					Votre demande est enregistrée. Un accusé de réception vous a été envoyé par e-mail.
				</Alert>
			) : null}
			<dl>
				{request.forName ? (
					<>
						<dt>Pour</dt>
						<dd>{request.forName}</dd>
					</>
				) : null}
				<dt>Statut</dt>
				<dd>{REQUEST_STATUS_LABELS[request.status]}</dd>
				<dt>Reçue le</dt>
				<dd>{formatLongInstantDay(request.createdAt)}</dd>
				{request.answerBy ? (
					<>
						<dt>Réponse au plus tard le</dt>
						<dd>
							{formatLongInstantDay(request.answerBy)}
							{request.extended ? " (délai prolongé de deux mois)" : ""}
						</dd>
					</>
				) : null}
			</dl>
			{request.text ? (
				<>
					<h2>Votre demande</h2>
					<p>{request.text}</p>
				</>
			) : null}
			{request.corrections ? (
				<ul>
					{Object.entries(request.corrections).map(([field, value]) => (
						<li>
							{CORRECTION_LABELS[field] ?? field} : {value}
						</li>
					))}
				</ul>
			) : null}
			{request.attachments.length > 0 ? (
				<p>Pièce jointe : {request.attachments.map((attachment) => attachment.fileName).join(", ")}.</p>
			) : null}
			{request.answerText ? (
				<>
					<h2>Notre réponse</h2>
					{request.answeredAt ? <p class="muted">Du {formatLongInstantDay(request.answeredAt)}.</p> : null}
					<p>{request.answerText}</p>
				</>
			) : null}
			<h2>Historique</h2>
			<ol>
				{request.history.map((step) => (
					<li>
						{formatInstant(step.at)} : {REQUEST_STATUS_LABELS[step.status]}
						{step.note ? ` (${step.note})` : ""}
					</li>
				))}
			</ol>
			<p>
				<a href="/compte/donnees/demandes">Toutes mes demandes sur mes données</a>
			</p>
		</>
	);
}

const CORRECTION_LABELS: Readonly<Record<string, string>> = {
	nom: "Nom",
	prenom: "Prénom",
	dateNaissance: "Date de naissance",
};

export function DataRequestFormPage({
	values,
	errors,
	rights,
	minors,
}: {
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
	readonly rights: readonly { readonly value: string; readonly label: string }[];
	/** Minor beneficiaries the member may act for (none: the question is not asked). */
	readonly minors: readonly MinorBeneficiary[];
}) {
	return (
		<>
			<h1>Faire une demande sur mes données</h1>
			<ErrorSummary errors={errors} />
			<p>
				Votre demande est transmise au délégué à la protection des données. Nous y répondons dans un délai
				d'un mois. Pour corriger votre nom, votre prénom ou votre date de naissance, choisissez «
				Rectification » et joignez un justificatif (pièce d'identité, acte d'état civil).
			</p>
			<form method="post" action="/compte/donnees/demandes" enctype="multipart/form-data" novalidate>
				{minors.length > 0 ? (
					<RadioGroup
						name="pour"
						legend="Pour qui faites-vous cette demande ?"
						options={[
							{ value: "moi", label: "Pour moi" },
							...minors.map((minor) => ({
								value: String(minor.beneficiaryId),
								label: `Pour ${minor.name} (enfant mineur couvert par mon contrat)`,
							})),
						]}
						value={values.pour ?? "moi"}
						error={errors.pour}
					/>
				) : null}
				<RadioGroup
					name="droit"
					legend="Droit que vous exercez"
					options={rights}
					value={values.droit}
					error={errors.droit}
				/>
				<TextArea
					name="texte"
					label="Votre demande"
					value={values.texte}
					error={errors.texte}
					maxlength={DATA_REQUEST_MAX_LENGTH}
				/>
				<fieldset>
					<legend>Pour une rectification : les informations exactes (facultatif)</legend>
					<TextField
						name="nom"
						label="Nom"
						value={values.nom}
						error={errors.nom}
						required={false}
						autocomplete="family-name"
					/>
					<TextField
						name="prenom"
						label="Prénom"
						value={values.prenom}
						error={errors.prenom}
						required={false}
						autocomplete="given-name"
					/>
					<TextField
						name="dateNaissance"
						label="Date de naissance"
						hint="Par exemple 14/02/1980."
						value={values.dateNaissance}
						error={errors.dateNaissance}
						required={false}
						autocomplete="bday"
					/>
				</fieldset>
				<AttachmentField errors={errors} />
				<button type="submit">Envoyer ma demande</button>
			</form>
		</>
	);
}
