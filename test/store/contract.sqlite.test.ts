import { sqliteBackend } from './backends';
import { storeContract } from './contract';
import { rolesContract } from './rolesContract';

describe('BEM store contract: SQLite', () => storeContract(async () => sqliteBackend()));
describe('BEM store roles: SQLite', () => rolesContract(async () => sqliteBackend()));
