import { gradientDescentTable, TUTORIAL_SETTING } from './chapters/gradient-descent';

const fmt = new Intl.NumberFormat('en-US');

function main(): void {
  const { n, batchSize, epochs } = TUTORIAL_SETTING;
  console.log(`Chapter 1 — gradient descent: N = ${fmt.format(n)} samples, B = ${batchSize}, ${epochs} epochs\n`);
  console.log('mode        batch size   iterations/epoch   iterations/10 epochs');
  for (const { mode, plan } of gradientDescentTable()) {
    console.log(
      `${mode.padEnd(11)} ${fmt.format(plan.batchSize).padStart(10)}   ${fmt.format(plan.batchesPerEpoch).padStart(16)}   ${fmt
        .format(plan.totalIterations)
        .padStart(20)}`,
    );
  }
}

main();
