// What the e2e tests of the HR forms (BEM · 5 Case Steps) share: a case that accepted the BEM, seeded
// through the store as an officer, and an n8n whose owner is signed in with the forms published and
// registered (n8n answers a just-published form only once its webhook is registered).
import * as crypto from 'crypto';

import type { BemStore } from '../../core/store';
import * as lib from '../../scripts/lib/n8n';
import { acceptedCase } from '../store/cases';
import { addDays, demo } from './demo';
import type { N8n } from './n8n';

/** Opens a case and records its invitation and the yes, dated `daysAgo` before today (the seed is an officer). */
export async function seedAcceptedCase(
	s: BemStore,
	today: string,
	c: {
		employeeId: string;
		reason: 'continuous' | 'cumulative';
		reachedAgo: number;
		openedAgo: number;
		acceptedAgo: number;
	},
): Promise<string> {
	const accepted = await acceptedCase(s, {
		employeeId: c.employeeId,
		reachedOn: addDays(today, -c.reachedAgo),
		reason: c.reason,
		openedOn: addDays(today, -c.openedAgo),
		acceptedOn: addDays(today, -c.acceptedAgo),
		actor: 'e2e-seed',
	});
	return accepted.id;
}

/** Starts n8n, signs its owner in, publishes the workflows and waits until each form path answers; the cookie. */
export async function startWithForms(
	n8n: N8n,
	o: { owner: string; publish: string[]; formPaths: string[] },
): Promise<string> {
	await n8n.start();
	const cookie = await lib.setupOwner(n8n.baseUrl, {
		email: `bem-${o.owner.toLowerCase()}-e2e@example.com`,
		firstName: 'BEM',
		lastName: o.owner,
		password: `Bem-${crypto.randomBytes(9).toString('base64url')}1`,
	});
	for (const id of o.publish)
		expect(await demo.publishWorkflow(n8n.baseUrl, cookie, id)).toBe(true);
	// a signed-out browser is sent to n8n's sign-in (302) only once the form and n8n's OAuth server are up
	for (const p of o.formPaths)
		await lib.poll(`the form ${p} registered`, async () => {
			const res = await demo.request(`${n8n.baseUrl}/form/${p}`, { redirect: 'manual' });
			return res.status === 302 ? true : undefined;
		});
	return cookie;
}
