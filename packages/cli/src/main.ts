#!/usr/bin/env node
/**
 * The `finsam` command. `finsam --help` lists the commands; exit codes: 0 ok, 1 a refusal
 * or failed check, 2 a usage error.
 */
import { runFinsam } from './runFinsam.js';

process.exitCode = await runFinsam(process.argv);
