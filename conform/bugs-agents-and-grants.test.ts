// Planted bugs of the agents and grants areas, each caught by `dapsim conform` with its rule ID.
// (One file per pair of areas, so vitest spreads the bugs over its workers.)
import { describe } from 'vitest';
import { plantedBugTests } from './planted.ts';

describe('planted bugs: agents and grants', () => plantedBugTests(['agents', 'grants']));
