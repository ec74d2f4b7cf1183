// `/compte/activite`: the signed-in person's own view of the audit trail (core/activity.ts), for
// every space. The criteria come from a plain GET form; a wrong one answers 400 in French and
// shows no line.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { ACTIVITY_KINDS, listActivity } from "../../core/activity.ts";
import type { AppEnv } from "../env.ts";
import { joinDateParts } from "../lib/date-parts.ts";
import { requireAccount } from "../middleware/auth.ts";
import { ACTIVITY_PATH, type ActivityCriteria, ActivityPageView } from "../views/activity/activity-page.tsx";
import { renderPage } from "../views/page.tsx";

const TITLE = "Mon activité";
const FIELDS = new Set(["du", "au", "type"]);

// An empty field of the GET form means "no criterion".
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const activityQuerySchema = z
	.strictObject(
		{
			du: optional(z.iso.date("La date de début n'est pas une date valide.")),
			au: optional(z.iso.date("La date de fin n'est pas une date valide.")),
			type: optional(z.enum(ACTIVITY_KINDS, "Choisissez un type d'activité dans la liste.")),
			avant: optional(
				z
					.string()
					.regex(/^[1-9]\d{0,14}$/, "Le lien vers l'activité plus ancienne n'est pas valable.")
					.transform(Number),
			),
		},
		{
			error: (issue) =>
				issue.code === "unrecognized_keys" ? "Cette adresse contient un critère inconnu." : undefined,
		},
	)
	.refine((query) => !query.du || !query.au || query.du <= query.au, {
		message: "La date de fin doit être postérieure à la date de début.",
		path: ["au"],
	});

function criteriaOf<E extends AppEnv>(
	c: Context<E>,
): { raw: Record<string, string>; criteria: ActivityCriteria } {
	const typed: Record<string, string> = c.req.query();
	const raw = joinDateParts(typed);
	const typedDates = Object.fromEntries(Object.entries(typed).filter(([key]) => /^(du|au)-/.test(key)));
	return { raw, criteria: { du: raw.du, au: raw.au, type: raw.type, typedDates } };
}

export const activityRoutes = new Hono<AppEnv>()
	.use(ACTIVITY_PATH, requireAccount())
	.get(ACTIVITY_PATH, async (c) => {
		const { db } = c.get("deps");
		const { raw, criteria } = criteriaOf(c);
		const parsed = activityQuerySchema.safeParse(raw);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const field = String(issue.path[0] ?? "");
				errors[FIELDS.has(field) ? field : "_form"] ??= issue.message;
			}
			return renderPage(
				c,
				{ title: TITLE, status: 400 },
				<ActivityPageView criteria={criteria} errors={errors} />,
			);
		}
		const { du, au, type, avant } = parsed.data;
		const page = await listActivity(db, c.get("auth").account, {
			from: du,
			to: au,
			kind: type,
			before: avant,
		});
		return renderPage(c, { title: TITLE }, <ActivityPageView criteria={criteria} page={page} />);
	});
