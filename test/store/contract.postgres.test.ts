import { postgresBackend } from './backends';
import { storeContract } from './contract';
import { rolesContract } from './rolesContract';

// Fails (does not skip) when PostgreSQL on 127.0.0.1:5432 is absent: the backend's message says so.
describe('BEM store contract: PostgreSQL', () => storeContract(postgresBackend));
describe('BEM store roles: PostgreSQL', () => rolesContract(postgresBackend));
