import { runCli } from './cli/run-cli';

// `pnpm start` at the root runs this in apps/examples; relative paths start where pnpm was run.
const cwd = process.env.INIT_CWD ?? process.cwd();
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd,
  // Ctrl-C: the run removes its temporary folder (the --out folder stays as it was), then exits
  // with 128 + SIGINT's number, as a shell does.
  onInterrupt: (cleanup) => {
    const handler = (): void => {
      cleanup();
      process.exit(130);
    };
    process.once('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
});
process.exitCode = code;
