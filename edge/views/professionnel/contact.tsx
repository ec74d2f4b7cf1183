// The pages of « Contact » in the espace professionnel: the form with the history of the practice's
// exchanges, and one message with the insurer's answer.
import {
	PRACTICE_MESSAGE_MAX_LENGTH,
	PRACTICE_MESSAGE_SUBJECTS,
	type PracticeMessage,
} from "../../../core/professionnel/contact.ts";
import { AttachmentField } from "../attachment-field.tsx";
import { ErrorSummary, type FieldErrors, RadioGroup, TextArea } from "../form.tsx";

const DAY = new Intl.DateTimeFormat("fr-FR", {
	day: "2-digit",
	month: "2-digit",
	year: "numeric",
	timeZone: "Europe/Paris",
});

function Status({ message }: { readonly message: PracticeMessage }) {
	return message.answer ? (
		<span class="badge badge-success">Répondu</span>
	) : (
		<span class="badge badge-warning">En attente de réponse</span>
	);
}

export function ContactPage({
	messages,
	values,
	errors,
}: {
	readonly messages: readonly PracticeMessage[];
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}) {
	return (
		<>
			<h1>Contact</h1>
			<p>
				Une question sur une facture, un paiement ou les droits d'un patient ? Écrivez-nous : vous recevez une
				référence et un accusé de réception par e-mail, et notre réponse s'affiche ici.
			</p>
			<h2>Nous écrire</h2>
			<ErrorSummary errors={errors} />
			<form method="post" action="/professionnel/contact" enctype="multipart/form-data" novalidate>
				<RadioGroup
					name="sujet"
					legend="Votre message concerne"
					options={Object.entries(PRACTICE_MESSAGE_SUBJECTS).map(([value, label]) => ({ value, label }))}
					value={values.sujet}
					error={errors.sujet}
				/>
				<TextArea
					name="message"
					label="Votre message"
					hint={`${PRACTICE_MESSAGE_MAX_LENGTH} caractères au plus. Donnez le numéro de la facture ou du paiement concerné ; n'indiquez pas d'informations médicales dont nous n'avons pas besoin.`}
					maxlength={PRACTICE_MESSAGE_MAX_LENGTH}
					value={values.message}
					error={errors.message}
				/>
				<AttachmentField errors={errors} />
				<div class="actions">
					<button type="submit">Envoyer mon message</button>
				</div>
			</form>
			<h2>Vos échanges</h2>
			{messages.length === 0 ? (
				<p>Vous ne nous avez encore envoyé aucun message.</p>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="contact-echanges">
					<table>
						<caption id="contact-echanges">Vos messages, du plus récent au plus ancien</caption>
						<thead>
							<tr>
								<th scope="col">Référence</th>
								<th scope="col">Sujet</th>
								<th scope="col">Envoyé le</th>
								<th scope="col">Statut</th>
							</tr>
						</thead>
						<tbody>
							{messages.map((message) => (
								<tr>
									<th scope="row">
										<a href={`/professionnel/contact/${message.id}`}>{message.reference}</a>
									</th>
									<td>{message.subjectLabel}</td>
									<td>{DAY.format(message.createdAt)}</td>
									<td>
										<Status message={message} />
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

export function ContactMessagePage({
	message,
	sent,
}: {
	readonly message: PracticeMessage;
	readonly sent: boolean;
}) {
	return (
		<>
			{sent ? (
				<div class="alert alert-success" role="status">
					Votre message est envoyé. Un accusé de réception vous a été adressé par e-mail.
				</div>
			) : null}
			<h1>Message {message.reference}</h1>
			<dl class="facts">
				<dt>Sujet</dt>
				<dd>{message.subjectLabel}</dd>
				<dt>Envoyé le</dt>
				<dd>{DAY.format(message.createdAt)}</dd>
				<dt>Statut</dt>
				<dd>
					<Status message={message} />
				</dd>
				{message.attachmentName ? (
					<>
						<dt>Pièce jointe</dt>
						<dd>{message.attachmentName}</dd>
					</>
				) : null}
			</dl>
			<h2>Votre message</h2>
			<p class="mail-text">{message.text}</p>
			<h2>Notre réponse</h2>
			{message.answer ? (
				<>
					<p class="muted">Répondu le {message.answeredAt ? DAY.format(message.answeredAt) : ""}.</p>
					<p class="mail-text">{message.answer}</p>
				</>
			) : (
				<p>Nous étudions votre message : notre réponse s'affichera ici.</p>
			)}
			<p>
				<a href="/professionnel/contact">Retour à vos échanges</a>
			</p>
		</>
	);
}
