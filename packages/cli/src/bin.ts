#!/usr/bin/env node
import { closedStdout, stdoutWasClosed } from './closed-stdout.js'
import { runCli } from './run-cli.js'

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: stdoutWasClosed() ? closedStdout() : process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: process.stderr.isTTY === true,
  stdinIsTTY: process.stdin.isTTY === true,
})
