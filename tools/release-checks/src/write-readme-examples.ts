/** Writes the READMEs' runnable TypeScript blocks to readme-examples/ (run before `tsc`). */
import { writeExamples } from './readme-examples';

const written = writeExamples();
console.log(`readme-examples: ${written.length} blocks written`);
