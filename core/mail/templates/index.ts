// The registry of e-mail templates: the one place that maps a template name to its data schema
// and its renderer. `renderMail` parses the data first, so a job with bad data fails before any
// mail is built; the queue consumer can check a name with `isTemplateName`.
import type { z } from "zod";
import { accountActivationSchema, renderAccountActivation } from "./account-activation.ts";
import { accountClosedSchema, renderAccountClosed } from "./account-closed.ts";
import { accountClosingSoonSchema, renderAccountClosingSoon } from "./account-closing-soon.ts";
import { accountStatusChangedSchema, renderAccountStatusChanged } from "./account-status-changed.ts";
import {
	bankDetailsChangeBlockedSchema,
	renderBankDetailsChangeBlocked,
} from "./bank-details-change-blocked.ts";
import {
	bankDetailsChangeConfirmedSchema,
	renderBankDetailsChangeConfirmed,
} from "./bank-details-change-confirmed.ts";
import {
	bankDetailsChangePendingSchema,
	renderBankDetailsChangePending,
} from "./bank-details-change-pending.ts";
import { cguUpdateSchema, renderCguUpdate } from "./cgu-update.ts";
import { complaintAcknowledgedSchema, renderComplaintAcknowledged } from "./complaint-acknowledged.ts";
import { complaintAnsweredSchema, renderComplaintAnswered } from "./complaint-answered.ts";
import { dataExportReadySchema, renderDataExportReady } from "./data-export-ready.ts";
import {
	dataProtectionRequestAnsweredSchema,
	renderDataProtectionRequestAnswered,
} from "./data-protection-request-answered.ts";
import {
	dataProtectionRequestReceivedSchema,
	renderDataProtectionRequestReceived,
} from "./data-protection-request-received.ts";
import {
	dataProtectionRequestReminderSchema,
	renderDataProtectionRequestReminder,
} from "./data-protection-request-reminder.ts";
import { emailChangeConfirmationSchema, renderEmailChangeConfirmation } from "./email-change-confirmation.ts";
import { emailChangeNoticeSchema, renderEmailChangeNotice } from "./email-change-notice.ts";
import { fraudReportAcknowledgedSchema, renderFraudReportAcknowledged } from "./fraud-report-acknowledged.ts";
import { harvestingAlertSchema, renderHarvestingAlert } from "./harvesting-alert.ts";
import type { MailContext, RenderedMail } from "./mail-content.ts";
import { newSignInAlertSchema, renderNewSignInAlert } from "./new-sign-in-alert.ts";
import { passwordChangedSchema, renderPasswordChanged } from "./password-changed.ts";
import { passwordResetSchema, renderPasswordReset } from "./password-reset.ts";
import { paymentNoticeSchema, renderPaymentNotice } from "./payment-notice.ts";
import {
	practiceMessageAcknowledgedSchema,
	renderPracticeMessageAcknowledged,
} from "./practice-message-acknowledged.ts";
import { practiceMessageAnsweredSchema, renderPracticeMessageAnswered } from "./practice-message-answered.ts";
import { renderSignInCode, signInCodeSchema } from "./sign-in-code.ts";
import { renderSignUpExistingAccount, signUpExistingAccountSchema } from "./sign-up-existing-account.ts";
import { renderStatementAvailable, statementAvailableSchema } from "./statement-available.ts";

export type { MailContext, RenderedMail } from "./mail-content.ts";

interface MailTemplate<S extends z.ZodType> {
	readonly schema: S;
	/** Parses `data` with the schema (throws a ZodError when it does not fit), then renders. */
	render(data: unknown, context: MailContext): RenderedMail;
}

function template<S extends z.ZodType>(
	schema: S,
	render: (data: z.output<S>, context: MailContext) => RenderedMail,
): MailTemplate<S> {
	return { schema, render: (data, context) => render(schema.parse(data), context) };
}

const templates = {
	"account-activation": template(accountActivationSchema, renderAccountActivation),
	"sign-in-code": template(signInCodeSchema, renderSignInCode),
	"password-reset": template(passwordResetSchema, renderPasswordReset),
	"password-changed": template(passwordChangedSchema, renderPasswordChanged),
	"new-sign-in-alert": template(newSignInAlertSchema, renderNewSignInAlert),
	"fraud-report-acknowledged": template(fraudReportAcknowledgedSchema, renderFraudReportAcknowledged),
	"cgu-update": template(cguUpdateSchema, renderCguUpdate),
	"statement-available": template(statementAvailableSchema, renderStatementAvailable),
	"payment-notice": template(paymentNoticeSchema, renderPaymentNotice),
	"complaint-acknowledged": template(complaintAcknowledgedSchema, renderComplaintAcknowledged),
	"complaint-answered": template(complaintAnsweredSchema, renderComplaintAnswered),
	"bank-details-change-pending": template(bankDetailsChangePendingSchema, renderBankDetailsChangePending),
	"bank-details-change-confirmed": template(
		bankDetailsChangeConfirmedSchema,
		renderBankDetailsChangeConfirmed,
	),
	"account-closing-soon": template(accountClosingSoonSchema, renderAccountClosingSoon),
	"account-closed": template(accountClosedSchema, renderAccountClosed),
	"data-protection-request-received": template(
		dataProtectionRequestReceivedSchema,
		renderDataProtectionRequestReceived,
	),
	"data-protection-request-answered": template(
		dataProtectionRequestAnsweredSchema,
		renderDataProtectionRequestAnswered,
	),
	"sign-up-existing-account": template(signUpExistingAccountSchema, renderSignUpExistingAccount),
	"email-change-confirmation": template(emailChangeConfirmationSchema, renderEmailChangeConfirmation),
	"email-change-notice": template(emailChangeNoticeSchema, renderEmailChangeNotice),
	"data-protection-request-reminder": template(
		dataProtectionRequestReminderSchema,
		renderDataProtectionRequestReminder,
	),
	"account-status-changed": template(accountStatusChangedSchema, renderAccountStatusChanged),
	"practice-message-acknowledged": template(
		practiceMessageAcknowledgedSchema,
		renderPracticeMessageAcknowledged,
	),
	"harvesting-alert": template(harvestingAlertSchema, renderHarvestingAlert),
	"practice-message-answered": template(practiceMessageAnsweredSchema, renderPracticeMessageAnswered),
	"bank-details-change-blocked": template(bankDetailsChangeBlockedSchema, renderBankDetailsChangeBlocked),
	"data-export-ready": template(dataExportReadySchema, renderDataExportReady),
} as const;

export type TemplateName = keyof typeof templates;

/** What a job carries for a template: dates may be ISO strings, as they come out of JSON. */
export type TemplateInput<N extends TemplateName> = z.input<(typeof templates)[N]["schema"]>;

export const templateNames = Object.keys(templates) as readonly TemplateName[];

export function isTemplateName(value: string): value is TemplateName {
	return Object.hasOwn(templates, value);
}

export function templateSchema<N extends TemplateName>(name: N): (typeof templates)[N]["schema"] {
	return templates[name].schema;
}

export function renderMail<N extends TemplateName>(
	name: N,
	data: TemplateInput<N>,
	context: MailContext,
): RenderedMail {
	if (!isTemplateName(name)) throw new Error(`renderMail: unknown template "${String(name)}"`);
	return templates[name].render(data, context);
}
