// « Mon activité » (`/compte/activite`): the filter form (a plain GET form: period and kind), the
// lines of the audit trail about the account, newest first, a link to older lines, and on each
// line « Ce n'était pas moi », which opens the fraud report prefilled with that line.
import type { ActivityLine, ActivityPage } from "../../../core/activity.ts";
import { ACTIVITY_KINDS } from "../../../core/activity.ts";
import { formatInstant } from "../../../core/format.ts";
import { Alert, DateField, ErrorSummary, type FieldErrors, Select } from "../form.tsx";
import { ACTOR_LABELS, activityLabel, KIND_LABELS } from "./labels.ts";

export const ACTIVITY_PATH = "/compte/activite";

/** The criteria as the form sends them, kept to fill the form again. */
export interface ActivityCriteria {
	readonly du?: string | undefined;
	readonly au?: string | undefined;
	readonly type?: string | undefined;
	readonly typedDates?: Readonly<Record<string, string>>;
}

export interface ActivityPageProps {
	readonly criteria: ActivityCriteria;
	readonly errors?: FieldErrors;
	/** Absent when the criteria are wrong. */
	readonly page?: ActivityPage;
}

export function activityQuery(criteria: ActivityCriteria, before?: number): string {
	const params = new URLSearchParams();
	for (const key of ["du", "au", "type"] as const) {
		const value = criteria[key];
		if (value) params.set(key, value);
	}
	if (before !== undefined) params.set("avant", String(before));
	const query = params.toString();
	return query ? `?${query}` : "";
}

function Filters({ criteria, errors = {} }: ActivityPageProps) {
	return (
		<form method="get" action={ACTIVITY_PATH} aria-labelledby="filtres-titre">
			<h2 id="filtres-titre">Filtrer</h2>
			<p class="hint">Tous les critères sont facultatifs.</p>
			<ErrorSummary errors={errors} />
			<DateField
				name="du"
				legend="À partir du"
				values={{ du: criteria.du, ...criteria.typedDates }}
				error={errors.du}
				required={false}
			/>
			<DateField
				name="au"
				legend="Jusqu'au"
				values={{ au: criteria.au, ...criteria.typedDates }}
				error={errors.au}
				required={false}
			/>
			<Select
				name="type"
				label="Type d'activité"
				value={criteria.type}
				all="Toutes les activités"
				options={ACTIVITY_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
				error={errors.type}
			/>
			<div class="actions">
				<button type="submit">Filtrer</button>
				<a href={ACTIVITY_PATH}>Effacer les filtres</a>
			</div>
		</form>
	);
}

function Details({ line }: { readonly line: ActivityLine }) {
	const parts = [line.device, line.place].filter((part): part is string => Boolean(part));
	return <>{parts.length > 0 ? parts.join(", ") : "—"}</>;
}

function Lines({ criteria, page }: { readonly criteria: ActivityCriteria; readonly page: ActivityPage }) {
	if (page.lines.length === 0) return <p>Aucune activité ne correspond à ces critères.</p>;
	return (
		<>
			{page.chainIntact ? (
				<p class="muted">
					Chaque ligne ci-dessous a été vérifiée : elle est identique à l'enregistrement d'origine du journal
					de sécurité.
				</p>
			) : (
				<Alert kind="warning">
					<p>
						Certaines lignes n'ont pas pu être vérifiées dans le journal de sécurité : elles sont signalées
						ci-dessous. Nos services en sont informés.
					</p>
				</Alert>
			)}
			<section class="table-wrap" tabindex={0} aria-labelledby="activite-titre">
				<table>
					<caption id="activite-titre">
						Activité de votre compte, de la plus récente à la plus ancienne
					</caption>
					<thead>
						<tr>
							<th scope="col">Date</th>
							<th scope="col">Activité</th>
							<th scope="col">Par</th>
							<th scope="col">Appareil</th>
							<th scope="col">Signaler</th>
						</tr>
					</thead>
					<tbody>
						{page.lines.map((line) => (
							<tr id={`ligne-${line.seq}`}>
								<td>{formatInstant(line.at)}</td>
								<td>
									{activityLabel(line)}
									{line.verified ? null : <strong> (non vérifiée)</strong>}
								</td>
								<td>{ACTOR_LABELS[line.actor]}</td>
								<td>
									<Details line={line} />
								</td>
								<td>
									<a href={`/compte/signaler?ligne=${line.seq}`}>
										Ce n'était pas moi<span class="sr-only"> : {activityLabel(line)}</span>
									</a>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{page.nextBefore !== null ? (
				<ul class="link-list">
					<li>
						<a href={`${ACTIVITY_PATH}${activityQuery(criteria, page.nextBefore)}`}>
							Voir l'activité plus ancienne
						</a>
					</li>
				</ul>
			) : null}
		</>
	);
}

export function ActivityPageView(props: ActivityPageProps) {
	return (
		<>
			<h1>Mon activité</h1>
			<p class="lead">
				Tout ce que le journal de sécurité de la mutuelle a enregistré sur votre compte : connexions, pages
				consultées, documents téléchargés, opérations, et qui les a faites.
			</p>
			<p>
				Une ligne que vous ne reconnaissez pas ? Choisissez « Ce n'était pas moi » : vous pourrez signaler une
				utilisation frauduleuse de votre compte.
			</p>
			<Filters {...props} />
			<h2>Activité</h2>
			{props.page ? (
				<Lines criteria={props.criteria} page={props.page} />
			) : (
				<p>Corrigez les critères pour afficher votre activité.</p>
			)}
			<ul class="link-list">
				<li>
					<a href="/compte/securite">Retour à la sécurité de mon compte</a>
				</li>
			</ul>
		</>
	);
}
