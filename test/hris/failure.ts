import { HrisHttpError } from '../../core';

/** The HrisHttpError a call rejects with (the test fails if it resolves or throws anything else). */
export async function hrisFailure(promise: Promise<unknown>): Promise<HrisHttpError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(HrisHttpError);
	return error as HrisHttpError;
}
