// Planted bugs of the listings and removal areas, each caught by `dapsim conform` with its rule ID.
// (One file per pair of areas, so vitest spreads the bugs over its workers.)
import { describe } from 'vitest';
import { plantedBugTests } from './planted.ts';

describe('planted bugs: listings and removal', () => plantedBugTests(['listings', 'removal']));
