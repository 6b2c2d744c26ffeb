#!/usr/bin/env node
/**
 * The `manifest` bin: wires the real process into run(). Nothing else lives here.
 */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
});
