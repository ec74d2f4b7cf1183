// « Mes choix » (GDPR art. 7(3) and 21; loi Informatique et Libertés art. 85): prospecting and
// profiling, each accepted or refused and dated; directives for after death and the person who
// carries them out, each revocable.
import type { ConsentState, DataDirective } from "../../../core/donnees/choices.ts";
import { formatLongInstantDay } from "../../../core/format.ts";
import type { ConsentPurpose } from "../../../schema/enums.ts";
import type { DataDirectiveKind } from "../../../schema/tables/index.ts";
import { Alert, ErrorSummary, type FieldErrors, RadioGroup, TextArea, TextField } from "../form.tsx";

const PURPOSES: Readonly<Record<ConsentPurpose, { legend: string; yes: string; no: string }>> = {
	marketing: {
		legend: "Prospection commerciale : offres de la mutuelle et de ses partenaires par e-mail ou courrier",
		yes: "J'accepte de recevoir des offres",
		no: "Je refuse (opposition)",
	},
	profiling: {
		legend: "Profilage : analyse de mes remboursements pour me proposer des garanties adaptées",
		yes: "J'accepte ce profilage",
		no: "Je refuse (opposition)",
	},
};

function since(state: ConsentState): string {
	return state.recordedAt
		? `Votre choix du ${formatLongInstantDay(state.recordedAt)}.`
		: "Vous n'avez jamais donné votre accord : rien n'est fait sans lui.";
}

function Revoke({ kind, label }: { readonly kind: DataDirectiveKind; readonly label: string }) {
	return (
		<form method="post" action="/compte/donnees/choix/revoquer">
			<input type="hidden" name="type" value={kind} />
			<button type="submit" class="button-secondary">
				{label}
			</button>
		</form>
	);
}

export interface ChoicesPageProps {
	readonly consents: Readonly<Record<ConsentPurpose, ConsentState>>;
	readonly directives: Partial<Record<DataDirectiveKind, DataDirective>>;
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
	readonly saved: boolean;
}

export function ChoicesPage({ consents, directives, values, errors, saved }: ChoicesPageProps) {
	const post = directives.post_mortem_directives;
	const person = directives.trusted_person;
	return (
		<>
			<h1>Mes choix sur mes données</h1>
			<ErrorSummary errors={errors} />
			{saved ? <Alert kind="success">Votre choix est enregistré.</Alert> : null}
			<section aria-labelledby="consentements-titre">
				<h2 id="consentements-titre">Prospection et profilage</h2>
				<p>Vous pouvez changer d'avis à tout moment : le retrait de votre accord vaut pour l'avenir.</p>
				<form method="post" action="/compte/donnees/choix/consentements" novalidate>
					{(Object.keys(PURPOSES) as ConsentPurpose[]).map((purpose) => (
						<>
							<RadioGroup
								name={purpose === "marketing" ? "prospection" : "profilage"}
								legend={PURPOSES[purpose].legend}
								options={[
									{ value: "accepted", label: PURPOSES[purpose].yes },
									{ value: "opposed", label: PURPOSES[purpose].no },
								]}
								value={consents[purpose].choice}
								error={errors[purpose === "marketing" ? "prospection" : "profilage"]}
							/>
							<p class="muted">{since(consents[purpose])}</p>
						</>
					))}
					<button type="submit">Enregistrer mes choix</button>
				</form>
			</section>
			<section aria-labelledby="directives-titre">
				<h2 id="directives-titre">Directives pour après mon décès</h2>
				<p>
					Vous pouvez dire ce que deviennent vos données après votre décès : les effacer, les conserver, les
					communiquer à quelqu'un. Vous pouvez les modifier ou les révoquer à tout moment.
				</p>
				{post ? (
					<>
						<p>
							Vos directives du {formatLongInstantDay(post.recordedAt)} : « {post.instructions} »
						</p>
						<Revoke kind="post_mortem_directives" label="Révoquer mes directives" />
					</>
				) : (
					<p>Vous n'avez pas donné de directives.</p>
				)}
				<form method="post" action="/compte/donnees/choix/directives" novalidate>
					<TextArea
						name="directives"
						label={post ? "Remplacer mes directives" : "Mes directives"}
						value={values.directives}
						error={errors.directives}
						maxlength={2000}
						rows={4}
					/>
					<button type="submit">Enregistrer mes directives</button>
				</form>
			</section>
			<section aria-labelledby="personne-titre">
				<h2 id="personne-titre">Personne chargée d'exécuter mes directives</h2>
				{person ? (
					<>
						<p>
							Depuis le {formatLongInstantDay(person.recordedAt)} : {person.personName} (
							{person.personContact}).
						</p>
						<Revoke kind="trusted_person" label="Révoquer cette désignation" />
					</>
				) : (
					<p>Vous n'avez désigné personne.</p>
				)}
				<form method="post" action="/compte/donnees/choix/personne" novalidate>
					<TextField name="nom" label="Nom et prénom" value={values.nom} error={errors.nom} maxlength={100} />
					<TextField
						name="contact"
						label="Adresse e-mail ou postale"
						value={values.contact}
						error={errors.contact}
						maxlength={200}
					/>
					<button type="submit">Désigner cette personne</button>
				</form>
			</section>
		</>
	);
}
