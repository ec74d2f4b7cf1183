// The queue's entries that are not members' requests: a practice's message (its text shown
// escaped, the answer form, the closing) and a company's bank-details change in its cooling-off
// period (masked IBAN, company, dates, and the form that blocks it with a reason).
import type { StaffBankChange } from "../../../core/gestion/bank-changes.ts";
import type { StaffPracticeMessage } from "../../../core/gestion/practice-messages.ts";
import { ErrorSummary, type FieldErrors, TextArea } from "../form.tsx";
import { DATE_TIME } from "./labels.ts";

interface FormState {
	readonly notice?: string | undefined;
	readonly errors: FieldErrors;
	readonly values: Readonly<Record<string, string>>;
}

function Notice({ text }: { readonly text: string | undefined }) {
	return text ? (
		<div class="alert alert-success" role="status">
			{text}
		</div>
	) : null;
}

export function PracticeMessagePage(props: FormState & { readonly message: StaffPracticeMessage }) {
	const { message } = props;
	const action = `/gestion/demandes/messages/${message.id}`;
	return (
		<>
			<h1>Message {message.reference}</h1>
			<Notice text={props.notice} />
			<ErrorSummary errors={props.errors} />
			<dl class="facts">
				<dt>Cabinet</dt>
				<dd>{message.practice}</dd>
				<dt>Compte</dt>
				<dd>{message.accountIdentifier}</dd>
				<dt>Sujet</dt>
				<dd>{message.subjectLabel}</dd>
				<dt>Reçu le</dt>
				<dd>{DATE_TIME.format(message.createdAt)}</dd>
				{message.attachmentName ? (
					<>
						<dt>Pièce jointe</dt>
						<dd>{message.attachmentName}</dd>
					</>
				) : null}
				<dt>Statut</dt>
				<dd>
					{message.closedAt
						? `Clôturé le ${DATE_TIME.format(message.closedAt)}`
						: message.answeredAt
							? `Répondu le ${DATE_TIME.format(message.answeredAt)}`
							: "En attente de réponse"}
				</dd>
			</dl>
			<p>
				<a href="/gestion/demandes?type=practice_message">Tous les messages des professionnels</a>
			</p>
			<h2>Message du professionnel</h2>
			<p class="mail-text">{message.text}</p>
			{message.answer ? (
				<>
					<h2>Réponse donnée</h2>
					<p class="mail-text">{message.answer}</p>
				</>
			) : null}
			{message.closedAt ? null : (
				<section aria-labelledby="repondre-titre">
					<h2 id="repondre-titre">{message.answer ? "Remplacer la réponse" : "Répondre"}</h2>
					<form method="post" action={action}>
						<input type="hidden" name="operation" value="repondre" />
						<TextArea
							name="reponse"
							label="Réponse au professionnel"
							hint="Le professionnel la lit dans son espace ; il reçoit un e-mail qui l'y invite (5 000 caractères au plus)."
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
							Clôturer l'échange
						</button>
					</form>
				</section>
			)}
		</>
	);
}

const BANK_STATUS: Readonly<Record<StaffBankChange["status"], string>> = {
	pending: "En délai de réflexion",
	applied: "Appliqué",
	cancelled: "Annulé",
};

export function BankChangePage(props: FormState & { readonly change: StaffBankChange }) {
	const { change } = props;
	return (
		<>
			<h1>Changement de coordonnées bancaires n° {change.id}</h1>
			<Notice text={props.notice} />
			<ErrorSummary errors={props.errors} />
			<dl class="facts">
				<dt>Entreprise</dt>
				<dd>
					{change.companyName} (SIREN {change.siren})
				</dd>
				<dt>Demandé par</dt>
				<dd>{change.requestedBy}</dd>
				<dt>Demandé le</dt>
				<dd>{DATE_TIME.format(change.requestedAt)}</dd>
				<dt>S'applique le</dt>
				<dd>{DATE_TIME.format(change.effectiveAt)}</dd>
				<dt>Nouveau compte</dt>
				<dd>{change.maskedIban}</dd>
				<dt>BIC</dt>
				<dd>{change.bic ?? "—"}</dd>
				<dt>Titulaire</dt>
				<dd>{change.holderName}</dd>
				<dt>Statut</dt>
				<dd>
					{BANK_STATUS[change.status]}
					{change.cancelledAt ? ` le ${DATE_TIME.format(change.cancelledAt)}` : ""}
				</dd>
			</dl>
			{/* Above the forms: right under a button, a link is too close a target. */}
			<p>
				<a href="/gestion/demandes?type=employer_bank_change">Tous les changements bancaires en attente</a>
			</p>
			{change.status === "pending" ? (
				<section aria-labelledby="bloquer-titre">
					<h2 id="bloquer-titre">Bloquer ce changement</h2>
					<p>
						Si la demande paraît frauduleuse, bloquez-la avant son application : le mandat actuel reste en
						vigueur et l'entreprise reçoit le motif par e-mail.
					</p>
					<form method="post" action={`/gestion/demandes/changements-bancaires/${change.id}/bloquer`}>
						<TextArea
							name="motif"
							label="Motif, envoyé à l'entreprise"
							hint="500 caractères au plus."
							maxlength={500}
							rows={4}
							value={props.values.motif}
							error={props.errors.motif}
						/>
						<div class="actions">
							<button type="submit" class="button-danger">
								Bloquer le changement
							</button>
						</div>
					</form>
				</section>
			) : null}
		</>
	);
}
