/**
 * Figure 1 of `npm run bench` alone, in a few seconds instead of twenty minutes: decided actions
 * per second on worlds of 10,000 and 1,000 customers, each beside its Map floor.
 *
 *   npx tsx bench/decide-quick.ts            # both sizes
 *   npx tsx bench/decide-quick.ts 10000      # one size
 *
 * The machine is noisy (two cores, shared): repeat it and compare medians and floor ratios. To
 * compare two versions of the model, bench/decide-ab.ts runs them side by side in one process.
 */
import { benchDecide } from './decide.ts';

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 1_000];
for (const customers of sizes) {
  const f = benchDecide(customers, 200_000, customers >= 10_000 ? 7 : 5);
  const ratio = f.actionsPerSecond / f.floorPerSecond;
  console.log(`${customers} customers: ${Math.round(f.actionsPerSecond).toLocaleString('en-US')} decided actions/s, floor ${Math.round(f.floorPerSecond).toLocaleString('en-US')}/s, ratio ${ratio.toFixed(3)}`);
}
