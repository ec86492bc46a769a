import { runCli } from './cli/run-cli';

// `pnpm start` at the root runs this in apps/examples; relative paths start where pnpm was run.
const cwd = process.env.INIT_CWD ?? process.cwd();
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd,
});
process.exitCode = code;
