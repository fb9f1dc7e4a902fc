import { sqliteBackend } from './backends';
import { storeContract } from './contract';

describe('BEM store contract: SQLite', () => storeContract(async () => sqliteBackend()));
