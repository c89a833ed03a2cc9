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
