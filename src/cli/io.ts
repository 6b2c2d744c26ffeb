/**
 * The CLI's view of the outside world, injected so that tests run `run(argv, io)` in-process.
 */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is a terminal (colour and progress are decided from it). */
  isTTY: boolean;
}
