/** In-process runners for a command's `main`: its output, or the message it refuses with. */
export function commandRunner(main: (argv: readonly string[], write: (s: string) => void) => number) {
  const run = (argv: string[]): string => {
    let out = '';
    main(argv, (s) => (out += s));
    return out;
  };
  const errorOf = (argv: string[]): string => {
    try {
      run(argv);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected the command line to refuse ' + argv.join(' '));
  };
  return { run, errorOf };
}

/** As commandRunner, for a command whose `main` is async (simulate): both runners resolve. */
export function asyncCommandRunner(main: (argv: readonly string[], write: (s: string) => void) => Promise<number>) {
  const run = async (argv: string[]): Promise<string> => {
    let out = '';
    await main(argv, (s) => (out += s));
    return out;
  };
  const errorOf = async (argv: string[]): Promise<string> => {
    try {
      await run(argv);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected the command line to refuse ' + argv.join(' '));
  };
  return { run, errorOf };
}
