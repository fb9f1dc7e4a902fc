// The contract's v2 part for consent and participants (case-file.md "Consent and participants"): a
// participant role only within the employee's consent, a withdrawal revoking it at once (logged), the
// withdrawn participants' notes readable to the officers only; run by storeContract on every backend.
import type { BemStore, Role } from '../../core';
import type { Backend } from './backends';
import { acceptedCase } from './cases';
import { refused } from './contract.corrections';

const officer = 'test:hr'; // store-wide bem_officer (backends.ts TEST_ROLES)
const on = '2026-03-05';
const SCOPES = ['bem', 'data_processing'];

export function consentContract(ctx: () => { store: BemStore; backend: Backend }): void {
	let n = 0;
	const store = () => ctx().store;
	const accepted = () =>
		acceptedCase(store(), {
			employeeId: `CON-${ctx().backend.name}-${++n}`,
			reachedOn: '2026-02-27',
			openedOn: '2026-03-01',
			invitedOn: '2026-03-02',
			acceptedOn: '2026-03-03',
			actor: officer,
		});
	const ev = (
		id: string,
		type: string,
		day: string,
		data?: Record<string, unknown>,
		actor = officer,
	) => store().recordEvent(id, { type: type as never, on: day, actor, data });
	const consent = (id: string, participants: string[]) =>
		ev(id, 'consent_given', on, { scopes: SCOPES, participants });
	const grant = (caseId: string, principal: string, role: Role) =>
		store().grantRole({ principal, role, caseId, by: officer, on });
	const rolesOn = async (caseId: string) =>
		(await store().roles({ caseId }, { actor: officer, purpose: 'check' })).map(
			(g) => `${g.principal}:${g.role}`,
		);
	const log = (caseId: string) =>
		ctx().backend.exec(
			`SELECT actor, action, outcome, purpose FROM bem_access_log WHERE case_id = '${caseId}' ORDER BY id`,
		);

	it('consent_given takes typed data: the scopes bem and data_processing, participant types by role name', async () => {
		const c = await accepted();
		for (const [data, field] of [
			[{ participants: [] }, 'data.scopes'],
			[{ scopes: ['bem'], participants: [] }, 'data.scopes'],
			[{ scopes: SCOPES, participants: ['Betriebsrat-SECRET'] }, 'data.participants.0'],
			[{ scopes: SCOPES, participants: 'works_council' }, 'data.participants'],
		] as const) {
			const e = await refused(ev(c.id, 'consent_given', on, data as never));
			expect([field, e.code, e.field]).toEqual([field, 'BEM_INVALID_INPUT', field]);
			expect(e.message).not.toContain('SECRET');
		}
		expect((await store().getCase(c.id, { actor: officer, purpose: 'check' }))?.version).toBe(3);
		expect(await consent(c.id, ['works_council'])).toMatchObject({ state: 'accepted' });
	});

	it('grants a participant role only when the current consent names its type', async () => {
		const c = await accepted();
		const none = await refused(grant(c.id, 'p:council', 'works_council'));
		expect(none).toMatchObject({ code: 'BEM_CONSENT_REQUIRED', field: 'role' });
		expect(none.message).toContain('works_council');
		expect(none.message).toContain(c.id);
		await consent(c.id, ['works_council', 'company_doctor']);
		const other = await refused(grant(c.id, 'p:sbv', 'disability_rep'));
		expect(other).toMatchObject({ code: 'BEM_CONSENT_REQUIRED' });
		// a refused grant writes nothing: no role, no grant in the log
		expect(await rolesOn(c.id)).toEqual([]);
		expect((await log(c.id)).filter((l) => l.action === 'grantRole')).toEqual([]);
		await grant(c.id, 'p:council', 'works_council');
		await grant(c.id, 'p:doctor', 'company_doctor');
		expect(await rolesOn(c.id)).toEqual(['p:council:works_council', 'p:doctor:company_doctor']);
		// officers are no participants: their grants need no consent
		await grant(c.id, 'p:deputy', 'deputy');
	});

	it('a withdrawal of one participant type revokes its roles at once; the participant is then denied, logged', async () => {
		const c = await accepted();
		await consent(c.id, ['works_council', 'line_manager']);
		await grant(c.id, 'p:council', 'works_council');
		await grant(c.id, 'p:council-2', 'works_council');
		await grant(c.id, 'p:manager', 'line_manager');
		const read = (actor: string) => store().auditTrail(c.id, { actor, purpose: 'read the file' });
		await read('p:council');
		const s = await ev(c.id, 'consent_withdrawn', on, { participants: ['works_council'] });
		expect(s.state).toBe('accepted'); // the case does not move
		expect(await rolesOn(c.id)).toEqual(['p:manager:line_manager']);
		const revoked = (await log(c.id)).filter((l) => l.action === 'revokeRole');
		expect(revoked.map((l) => [l.actor, l.purpose])).toEqual([
			[officer, 'revoke works_council of p:council'],
			[officer, 'revoke works_council of p:council-2'],
		]);
		expect(await refused(read('p:council'))).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
		expect((await log(c.id)).at(-1)).toMatchObject({
			actor: 'p:council',
			action: 'auditTrail',
			outcome: 'denied',
		});
		expect(await read('p:manager')).not.toHaveLength(0);
		// the type is no longer in the consent: granting it again is refused
		expect(await refused(grant(c.id, 'p:council', 'works_council'))).toMatchObject({
			code: 'BEM_CONSENT_REQUIRED',
		});
		expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
	});

	it('a withdrawal without participants revokes every participant role of the case', async () => {
		const c = await accepted();
		await consent(c.id, ['works_council', 'disability_rep', 'integration_office']);
		await grant(c.id, 'p:council', 'works_council');
		await grant(c.id, 'p:sbv', 'disability_rep');
		await grant(c.id, 'p:deputy', 'deputy');
		await ev(c.id, 'consent_withdrawn', on);
		expect(await rolesOn(c.id)).toEqual(['p:deputy:deputy']);
		for (const role of ['works_council', 'disability_rep', 'integration_office'] as const)
			expect(await refused(grant(c.id, `p:${role}`, role))).toMatchObject({
				code: 'BEM_CONSENT_REQUIRED',
			});
		// the roles only officers record: a participant cannot withdraw or give consent
		const other = await accepted();
		await consent(other.id, ['works_council']);
		await grant(other.id, 'p:council', 'works_council');
		expect(
			await refused(ev(other.id, 'consent_withdrawn', on, undefined, 'p:council')),
		).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
		expect(await rolesOn(other.id)).toEqual(['p:council:works_council']);
		// nothing to withdraw before a consent
		const early = await accepted();
		expect(await refused(ev(early.id, 'consent_withdrawn', on))).toMatchObject({
			code: 'BEM_TRANSITION_REFUSED',
		});
		expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
	});

	it("after a withdrawal the withdrawn participants' notes stay in the file, readable to the officers only", async () => {
		const c = await accepted();
		await consent(c.id, ['works_council', 'company_doctor']);
		await grant(c.id, 'p:council', 'works_council');
		await grant(c.id, 'p:doctor', 'company_doctor');
		await ev(c.id, 'note_added', on, { note: 'council note' }, 'p:council');
		await ev(c.id, 'note_added', on, { note: 'doctor note' }, 'p:doctor');
		await ev(c.id, 'consent_withdrawn', on, { participants: ['works_council'] });
		const notes = async (actor: string) =>
			(await store().auditTrail(c.id, { actor, purpose: 'read notes' }))
				.filter((e) => e.type === 'note_added')
				.map((e) => `${e.actor}:${String(e.data.note)}`);
		expect(await notes(officer)).toEqual(['p:council:council note', 'p:doctor:doctor note']);
		// the remaining participant no longer sees the withdrawn one's note, its own still
		expect(await notes('p:doctor')).toEqual(['p:doctor:doctor note']);
		// a new consent and a new grant give the council back its role, not the notes written before
		await consent(c.id, ['works_council', 'company_doctor']);
		await grant(c.id, 'p:council', 'works_council');
		await ev(c.id, 'note_added', on, { note: 'council again' }, 'p:council');
		expect(await notes('p:council')).toEqual(['p:doctor:doctor note', 'p:council:council again']);
		await grant(c.id, 'p:deputy', 'deputy');
		expect(await notes('p:deputy')).toEqual([
			'p:council:council note',
			'p:doctor:doctor note',
			'p:council:council again',
		]);
		expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
	});

	it('a grant racing a withdrawal leaves no participant role behind, and the withdrawal names whom it revoked', async () => {
		for (let i = 0; i < 5; i++) {
			const c = await accepted();
			await consent(c.id, ['works_council']);
			await grant(c.id, 'p:first', 'works_council');
			const [granted] = await Promise.allSettled([
				grant(c.id, 'p:racer', 'works_council'),
				ev(c.id, 'consent_withdrawn', on),
			]);
			expect(await rolesOn(c.id)).toEqual([]);
			const withdrawal = (
				await store().auditTrail(c.id, { actor: officer, purpose: 'check' })
			).find((e) => e.type === 'consent_withdrawn')!;
			expect(withdrawal.data.revokedPrincipals).toEqual(
				granted.status === 'fulfilled' ? ['p:first', 'p:racer'] : ['p:first'],
			);
		}
	});

	it('a repeated withdrawal with its idempotency key answers as before and revokes nothing twice', async () => {
		const c = await accepted();
		await consent(c.id, ['works_council']);
		await grant(c.id, 'p:council', 'works_council');
		const withdraw = () =>
			store().recordEvent(c.id, {
				type: 'consent_withdrawn',
				on,
				actor: officer,
				idempotencyKey: 'withdraw-1',
			});
		const first = await withdraw();
		expect(await withdraw()).toEqual(first);
		expect((await log(c.id)).filter((l) => l.action === 'revokeRole')).toHaveLength(1);
		expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
	});
}
