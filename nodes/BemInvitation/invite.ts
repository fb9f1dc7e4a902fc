import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Language, LetterKind } from '../../core/letters';
import { CHANNELS, type Channel } from '../../core/lifecycle/deadlines';
import { DEFAULT_LINK_GRACE_DAYS, sendInvitation } from '../../core/process';
import { checkResumeUrl } from '../../core/replyLink';
import { BemParamError } from '../shared/bemCaseParams';
import { callContext, getBemStore } from '../shared/bemStore';
import {
	jsonObject,
	readDate,
	readEmployee,
	readUrl,
	SALUTATION_MODES,
	type InvitationParams,
	type SalutationMode,
} from './letterInput';

// One item through the BEM Invitation node: read and check the parameters, run core's invitation
// protocol (claim, render, archive, exactly once) and attach the PDF.

function readParams(ctx: IExecuteFunctions, i: number): InvitationParams {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const letter = ctx.getNodeParameter('letter', i) as LetterKind;
	if (letter !== 'first' && letter !== 'second')
		throw new BemParamError("letter must be 'first' or 'second'", 'letter');
	const language = ctx.getNodeParameter('language', i, 'de') as Language;
	if (language !== 'de' && language !== 'en')
		throw new BemParamError("language must be 'de' or 'en'", 'language');
	const caseId = String(ctx.getNodeParameter('caseId', i, '') ?? '').trim();
	if (!caseId)
		throw new BemParamError('caseId is required (the BEM case from the BEM Case node)', 'caseId');
	const salutation = ctx.getNodeParameter('salutation', i, 'neutral') as SalutationMode;
	if (!SALUTATION_MODES.includes(salutation))
		throw new BemParamError("salutation must be 'neutral' or 'fromHris'", 'salutation');
	const { employee, to } = readEmployee(
		jsonObject(ctx.getNodeParameter('employee', i), 'employee') as IDataObject,
		salutation,
	);
	const company = jsonObject(ctx.getNodeParameter('company', i), 'company') as IDataObject;
	const template = jsonObject(options.template, 'options.template', true);
	const binaryPropertyName = String(options.binaryPropertyName ?? 'letter').trim();
	if (!binaryPropertyName)
		throw new BemParamError(
			'options.binaryPropertyName must name a binary field',
			'options.binaryPropertyName',
		);
	const linkGraceDays = Number(options.linkGraceDays ?? DEFAULT_LINK_GRACE_DAYS);
	if (!Number.isInteger(linkGraceDays) || linkGraceDays < 0 || linkGraceDays > 365)
		throw new BemParamError(
			'options.linkGraceDays must be whole days from 0 to 365',
			'options.linkGraceDays',
		);
	const deliveredOn = String(options.deliveredOn ?? '').trim();
	const resumeUrl = String(options.resumeUrl ?? '').trim();
	const resume = resumeUrl ? checkResumeUrl(resumeUrl) : { ok: true as const };
	if (!resume.ok)
		throw new BemParamError(`options.resumeUrl ${resume.problem}`, 'options.resumeUrl');
	return {
		letter,
		caseId,
		on: readDate(ctx.getNodeParameter('on', i, ''), 'on'),
		language,
		employee,
		to,
		company,
		replyFormUrl: readUrl(ctx.getNodeParameter('replyFormUrl', i, ''), 'replyFormUrl'),
		resumeUrl,
		template: template && Object.keys(template).length > 0 ? template : undefined,
		pdf: options.pdf !== false,
		binaryPropertyName,
		linkGraceDays,
		channel: readChannel(options.channel, to),
		...(deliveredOn ? { deliveredOn: readDate(deliveredOn, 'options.deliveredOn') } : {}),
	};
}

/** 'auto': by e-mail when the employee has an address, else by post (as the shipped letter workflows send it). */
function readChannel(value: unknown, to: string): Channel {
	const channel = String(value ?? 'auto');
	if (channel === 'auto') return to ? 'email' : 'letter';
	if ((CHANNELS as readonly string[]).includes(channel)) return channel as Channel;
	throw new BemParamError(
		`options.channel must be one of auto, ${CHANNELS.join(', ')}`,
		'options.channel',
	);
}

export async function invite(ctx: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const p = readParams(ctx, i);
	const { store, encryptionKey, config, retentionYears, principal } = await getBemStore(ctx, i);
	const { rendered, sent, sentOn, replyDueOn, reference } = await sendInvitation(
		{ store, encryptionKey, state: config.state, retentionYears },
		{
			letter: p.letter,
			caseId: p.caseId,
			on: p.on,
			language: p.language,
			employee: { ...p.employee },
			company: p.company,
			...(p.template ? { template: p.template } : {}),
			replyFormUrl: p.replyFormUrl,
			...(p.resumeUrl ? { resumeUrl: p.resumeUrl } : {}),
			linkGraceDays: p.linkGraceDays,
			pdf: p.pdf,
			channel: p.channel,
			...(p.deliveredOn ? { deliveredOn: p.deliveredOn } : {}),
			// the credential's principal records the invitation (its roles decide whether it may)
			actor: principal,
			context: callContext(ctx),
		},
	);
	const item: INodeExecutionData = {
		json: {
			caseId: p.caseId,
			reference,
			letter: p.letter,
			subject: rendered.subject,
			text: rendered.text,
			html: rendered.html,
			sentOn,
			replyDueOn,
			to: p.to,
			sent,
		},
		pairedItem: { item: i },
	};
	if (rendered.pdf) {
		const binary = await ctx.helpers.prepareBinaryData(
			rendered.pdf,
			`bem-${p.letter}-invitation-${p.caseId}.pdf`,
			'application/pdf',
		);
		item.binary = { [p.binaryPropertyName]: binary };
	}
	return item;
}
