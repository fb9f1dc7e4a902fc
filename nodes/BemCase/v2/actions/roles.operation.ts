import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ROLES, type Role } from '../../../../core/store';
import {
	accessOf,
	BemParamError,
	businessDay,
	dayProperty,
	purposeProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation, type OperationInput } from './types';

// Role management in the BEM file (case-file.md "Principals and roles"): grant and revoke store-wide or
// per-case roles, list them, read the access log. The store decides who may: the credential's principal
// acts (a bem_officer grants case roles, hr_admin or a store-wide bem_officer store-wide ones).

const ROLE_LABELS: Record<Role, string> = {
	process: 'Process (Shipped Workflows)',
	bem_officer: 'BEM Officer',
	deputy: 'Deputy BEM Officer',
	works_council: 'Works Council (Betriebsrat)',
	disability_rep: 'Disability Representative (Schwerbehindertenvertretung)',
	company_doctor: 'Company Doctor (Betriebsarzt)',
	line_manager: 'Line Manager (Führungskraft)',
	integration_office: 'Integration Office / Rehab Provider (Integrationsamt / Reha-Träger)',
	hr_admin: 'HR Admin (Store-Wide Roles, Access Log)',
};

const grantShow = showFor('grantRole', 'revokeRole');
const optionalCaseId = (show: INodeProperties['displayOptions'], description: string) => ({
	displayName: 'Case ID',
	name: 'roleCaseId',
	type: 'string' as const,
	default: '',
	placeholder: 'empty: store-wide',
	description,
	displayOptions: show,
});

const grantProperties: INodeProperties[] = [
	{
		displayName: 'Principal',
		name: 'principal',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'works-council',
		description:
			'The principal the role is granted to or revoked from (a BEM Store credential’s “Principal”)',
		displayOptions: grantShow,
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: ROLES.map((value) => ({ name: ROLE_LABELS[value], value })),
		default: 'deputy',
		description:
			'Participant roles exist per case only, and only while the employee’s consent names them; Process and HR Admin are store-wide only',
		displayOptions: grantShow,
	},
	optionalCaseId(grantShow, 'The case the role is for. Empty: store-wide.'),
	dayProperty(
		'on',
		'Date',
		'Date of the grant or revoke. Empty: today (Europe/Berlin).',
		grantShow,
	),
];

function roleOf(ctx: IExecuteFunctions, itemIndex: number): Role {
	const role = ctx.getNodeParameter('role', itemIndex, '') as string;
	if (!(ROLES as readonly string[]).includes(role))
		throw new BemParamError(`field "role" must be one of ${ROLES.join(', ')}`, 'role');
	return role as Role;
}

function caseIdOf(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = ctx.getNodeParameter('roleCaseId', itemIndex, '');
	const text = typeof value === 'string' ? value.trim() : '';
	return text === '' ? undefined : text;
}

async function changeRole(
	this: IExecuteFunctions,
	{ itemIndex, handle }: OperationInput,
	how: 'grantRole' | 'revokeRole',
): Promise<IDataObject[]> {
	const g = {
		principal: textOf(this, itemIndex, 'principal'),
		role: roleOf(this, itemIndex),
		caseId: caseIdOf(this, itemIndex),
		by: handle.principal,
		on: businessDay(this, itemIndex),
	};
	await handle.store[how]({ ...g, ...(g.caseId === undefined ? {} : { caseId: g.caseId }) });
	return [
		{
			principal: g.principal,
			role: g.role,
			caseId: g.caseId ?? null,
			[how === 'grantRole' ? 'granted' : 'revoked']: true,
			by: g.by,
		},
	];
}

export const grantRole: BemCaseOperation = {
	properties: grantProperties,
	execute(input) {
		return changeRole.call(this, input, 'grantRole');
	},
};

// the grant and revoke share their parameters: they are defined once, under grantRole
export const revokeRole: BemCaseOperation = {
	properties: [],
	execute(input) {
		return changeRole.call(this, input, 'revokeRole');
	},
};

const listShow = showFor('listRoles');
export const listRoles: BemCaseOperation = {
	properties: [
		optionalCaseId(listShow, 'List the roles on this case. Empty: the store-wide roles.'),
		purposeProperty('role review', listShow),
	],
	async execute({ itemIndex, handle }) {
		const caseId = caseIdOf(this, itemIndex);
		const list = await handle.store.roles(
			caseId === undefined ? {} : { caseId },
			accessOf(this, itemIndex, handle),
		);
		return list.map((g) => ({ principal: g.principal, role: g.role, caseId: g.caseId }));
	},
};

const logShow = showFor('accessLog');
export const accessLog: BemCaseOperation = {
	properties: [
		{
			displayName:
				'Who read or tried to read the BEM file, when, why and from which workflow. HR Admin, BEM Officer and Deputy may read it; the read is logged too.',
			name: 'accessLogNotice',
			type: 'notice',
			default: '',
			displayOptions: logShow,
		},
		optionalCaseId(
			logShow,
			'The case whose access log to read. Empty: the store-wide rows (listings, store-wide role grants, refusals that name no case).',
		),
		purposeProperty('access log review', logShow),
	],
	async execute({ itemIndex, handle }) {
		const caseId = caseIdOf(this, itemIndex) ?? null;
		const log = await handle.store.accessLog(caseId, accessOf(this, itemIndex, handle));
		return log.map((l) => ({ ...l }));
	},
};
