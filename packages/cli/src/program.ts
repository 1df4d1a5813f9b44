import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { knownEventTypes, meantEventType } from './knownEventTypes.js';
import { exitCodesHelp, type ExitCode } from './exitCodes.js';
import {
  explainFormats,
  idFormats,
  bookListingFormats,
  parseAsOf,
  parseDate,
  parseDriftHours,
  parseDeadlineDays,
  parseHead,
  parseIdCount,
  parseYear,
  parseReportFormat,
  reconcileFormats,
  reportFormats,
  reportSections,
  units,
} from './optionValues.js';

// Each command's module is imported when the command runs, not when the program is built: the
// modules behind them load the store adapters, the EventStoreDB client, the HTML, PDF and xlsx
// renderers, which `finsam --version`, `--help` and every other command do not need.
const commands = {
  audit: () => import('./commands/audit.js'),
  copy: () => import('./commands/copy.js'),
  events: () => import('./commands/events.js'),
  explain: () => import('./commands/explain.js'),
  exportHledger: () => import('./commands/exportHledger.js'),
  exportSie: () => import('./commands/exportSie.js'),
  huvudbok: () => import('./commands/huvudbok.js'),
  id: () => import('./commands/id.js'),
  importSie: () => import('./commands/importSie.js'),
  init: () => import('./commands/init.js'),
  reconcile: () => import('./commands/reconcile.js'),
  record: () => import('./commands/record.js'),
  report: () => import('./commands/report.js'),
  reskontra: () => import('./commands/reskontra.js'),
  verifikationer: () => import('./commands/verifikationer.js'),
  verify: () => import('./commands/verify.js'),
};

/**
 * An option naming one event type: the known types are its choices (listed by `--help`), and a
 * slip of a few letters is answered with the type meant before the list.
 */
const eventTypeOption = (flags: string, description: string) =>
  new Option(flags, description).choices(knownEventTypes).argParser((type: string) => {
    if (knownEventTypes.includes(type)) return type;
    const meant = meantEventType(type);
    throw new InvalidArgumentError(
      `${meant === undefined ? '' : `Did you mean "${meant}"? `}Allowed choices are ${knownEventTypes.join(', ')}.`,
    );
  });

const yearOption = (description: string) =>
  new Option('--year <year>', description).argParser(parseYear);

/** The root command: the options every command takes, help, suggestions and exit handling. */
const createRootCommand = () =>
  new Command('finsam')
    .description(
      "A samordningsförbund's books from the command line: record events, print the annual report, verify and copy the store.",
    )
    .version('0.1.0')
    .addOption(
      new Option(
        '--store <store>',
        'the event store: a file store path, or an EventStoreDB/KurrentDB connection string (esdb://…, kurrentdb://…)',
      )
        .default('finsam.jsonl')
        .env('FINSAM_STORE'),
    )
    .addOption(
      new Option('--config <file>', "the förbund's configuration")
        .default('forbund.json')
        .env('FINSAM_CONFIG'),
    )
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText('afterAll', `\n${exitCodesHelp}`);

type RootCommand = ReturnType<typeof createRootCommand>;
type OnExitCode = (exitCode: ExitCode) => void;

const addInitCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('init')
    .description(
      'write a configuration template (--config) and create an empty store (--store); beside a configuration already there, only the store; never overwrites',
    )
    .option(
      '--namn <namn>',
      'the förbund\'s name (required unless --config exists), e.g. "Samordningsförbundet Norra Älvdalen"',
    )
    .option(
      '--forbund-id <id>',
      'the förbund id (required unless --config exists): the slug its streams are named by, e.g. norra-alvdalen',
    )
    .action(async (_options, command) => {
      const { namn, forbundId, ...global } = command.optsWithGlobals();
      // Required only where a configuration is written: runInit checks them, naming both.
      onExitCode(await (await commands.init()).runInit({ ...global, namn, forbundId }));
    });

/**
 * What `finsam record --help` says of a refusal, the output a user most needs to read: its shape,
 * that nothing was written, and what the exit codes mean for this command.
 */
const recordRefusalHelp = `
A refused file:
  The file is recorded whole or not at all: a refusal writes nothing, prints nothing on stdout,
  and exits 1. On stderr, each refused line (the first 50, in the file's order) with its code
  and reason, and under it the field and the rule of each reason, with the reason again only
  where the refusal's line does not say it:
    line N: CODE: the reason, naming the field
      field PATH: rule RULE
  (a refusal of the whole file, one that cannot be read say, has no line), then the count of
  refused lines, what the rules of the books were checked on, "Refused: nothing was written."
  and hints on what to do. A run that records every line or finds it recorded before, and a
  --dry-run whose lines all pass the rules, exit 0; a usage error (no events file, an unknown
  option, a CSV file without --type) exits 2.

A spreadsheet (.xlsx, or .csv with --type):
  Row 1 names the columns: the fields of the event's data, dotted for nested ones
  (betalning.sätt, betalning.postId, betalning.förfallodatum), and optionally eventId,
  recordedBy and recordedAt (recordedBy is required, as in a line's metadata). Each row below is
  one event; an empty cell is a field left out, an empty row is skipped. Text cells are taken as
  typed; an xlsx number cell is its exact decimal (1234.5 in an amount is 1234.50), a date cell
  YYYY-MM-DD (refused where a number or an amount is wanted). A list field (rader, öppnaPoster)
  stays JSON Lines only. A refusal names the row and the column, KostnadBokförd rad 5 (an xlsx
  sheet's row) or rad 5 (a CSV file's), and kolumn belopp, in place of line N and field
  data.belopp.`;

const addRecordCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('record')
    .description(
      "append the events of a JSON Lines file (type, data, metadata, optional eventId per line; a line without metadata.recordedAt is recorded now), or of a spreadsheet (.csv, .xlsx: a row per event), through the ledger's rules: all or nothing; the lines whose eventId the books already hold are left as they are, so a file added to records only its new lines",
    )
    .argument(
      '<events-file>',
      "the events: JSON Lines, one JSON object per line; or a spreadsheet, .xlsx (each sheet named by its rows' event type) or .csv (with --type)",
    )
    .option('--dry-run', 'check the events against the rules only; write nothing', false)
    .option(
      '--allow-repeats',
      'record lines without eventId that repeat events already in the books (new events that match recorded ones); without it they are refused, as the same file recorded again',
      false,
    )
    .addOption(
      eventTypeOption(
        '--type <event-type>',
        "the event type of a CSV file's rows (required for .csv; only for .csv)",
      ),
    )
    .addHelpText('after', recordRefusalHelp)
    .action(async (path, _options, command) =>
      onExitCode(await (await commands.record()).runRecord(path, command.optsWithGlobals())),
    );

const addIdCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('id')
    .description(
      'print event ids for the lines of an events file (lower-case UUIDs that record takes): the stable id of each key given, the same every time and on any machine, or --new random ones; reads no configuration and no store',
    )
    .argument(
      '[keys...]',
      "keys of your own, each naming one event (an invoice number, a spreadsheet's row): one id a line, in their order",
    )
    .addOption(
      new Option(
        '--new <count>',
        'print this many new random ids instead, from 1 to 10000 (default 1 without keys)',
      ).argParser(parseIdCount),
    )
    .addOption(
      new Option(
        '--format <format>',
        'text: one id a line; json: one object a line, {"key":…,"eventId":…} ({"eventId":…} for --new)',
      )
        .choices(idFormats)
        .default('text' as const),
    )
    .action(async (keys, _options, command) => {
      const { new: count, format } = command.opts();
      onExitCode(
        await (
          await commands.id()
        ).runId(keys, { format, ...(count === undefined ? {} : { new: count }) }),
      );
    });

/** `--as-of`: what a read shows as the store held the books then, by the store's stamps. */
const asOfOption = (what: string) =>
  new Option(
    '--as-of <date>',
    `${what} as the store held the books then, by the store's stamps: a date YYYY-MM-DD (its end, UTC) or an instant (2021-04-19T10:00:00+02:00)`,
  ).argParser(parseAsOf);

const addReportCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('report')
    .description(
      'print the annual report of a year: statements, driftredovisning, Not 1–4, flerårsöversikt, guideline checks, participant tables',
    )
    .addOption(yearOption('the year (default: the latest year with bookings)'))
    .addOption(
      new Option('--format <format>', 'the output format (md also as markdown)')
        .choices(reportFormats)
        .argParser(parseReportFormat)
        .default('text' as const),
    )
    .addOption(
      new Option(
        '--unit <unit>',
        "the unit amounts are printed in (default: the configuration's presentation.enhet); JSON keeps exact kronor and states it",
      ).choices(units),
    )
    .addOption(
      new Option(
        '--section <section>',
        'only this part: the financial report (ekonomi) or the participant tables (deltagare); CSV prints one part, ekonomi unless deltagare is asked for',
      ).choices(reportSections),
    )
    .option('--out <file>', 'write the report to this file instead of stdout')
    .addOption(
      new Option(
        '--chromium <path>',
        "the Chromium --format pdf prints with (default: Debian's /usr/bin/chromium)",
      ).env('FINSAM_CHROMIUM'),
    )
    .addOption(asOfOption('the report'))
    .option(
      '--watch',
      'keep running: print the report again after each new event in the store, until stopped (Ctrl-C)',
    )
    .action(async (_options, command) =>
      onExitCode(await (await commands.report()).runReport(command.optsWithGlobals())),
    );

const addVerifyCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('verify')
    .description("check a file store's checksums and hash chain, and print its head to write down")
    .addOption(
      new Option(
        '--expected-head <head>',
        'a head printed by an earlier verify (<eventCount>:<hash>): the chain must pass through it',
      ).argParser(parseHead),
    )
    .action(async (_options, command) =>
      onExitCode(await (await commands.verify()).runVerify(command.optsWithGlobals())),
    );

const addAuditCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('audit')
    .description(
      "audit the store in full: the hash chain, every event decoded, the rules re-run in order, stored verifikation numbers and stamps, every year's invariants; one verdict, exit 1 on any finding",
    )
    .addOption(
      new Option(
        '--expected-head <head>',
        'a head written down earlier (<eventCount>:<hash>, as finsam verify prints it): the chain must pass through it',
      ).argParser(parseHead),
    )
    .addOption(
      new Option(
        '--recorded-drift-hours <hours>',
        "warn (not fail) where an event's recordedAt is more than this many hours from the store's storedAt",
      )
        .argParser(parseDriftHours)
        .default(24),
    )
    .addOption(
      new Option(
        '--registration-deadline-days <days>',
        'warn (not fail) where a business event is registered (its storedAt) more than this many days after the end of the month of its datum (BFNAR 2013:2)',
      )
        .argParser(parseDeadlineDays)
        .default(50),
    )
    .action(async (_options, command) =>
      onExitCode(await (await commands.audit()).runAudit(command.optsWithGlobals())),
    );

const addCopyCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('copy')
    .description(
      'copy every event of --store into another store, keeping ids, streams and revisions',
    )
    .requiredOption('--to <store>', 'the target store: a file store path or a connection string')
    .action(async (_options, command) =>
      onExitCode(await (await commands.copy()).runCopy(command.optsWithGlobals())),
    );

const addEventsCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('events')
    .description("list the förbund's events, one JSON object per line")
    .addOption(eventTypeOption('--type <type>', 'only events of this type'))
    .addOption(yearOption('only events of this year (their datum, or år)'))
    .action(async (_options, command) =>
      onExitCode(await (await commands.events()).runEvents(command.optsWithGlobals())),
    );

const addExportCommand = (program: RootCommand, onExitCode: OnExitCode) => {
  const exportCommand = program.command('export').description('hand the books to another system');
  exportCommand
    .command('sie')
    .description(
      'write the SIE 4E file of a year (with the year before where the books have it): CP437, #KSUMMA, checked before it is written',
    )
    .addOption(yearOption('the year (default: the latest year with bookings)'))
    .option('--out <file>', 'write the file here instead of stdout')
    .action(async (_options, command) =>
      onExitCode(await (await commands.exportSie()).runExportSie(command.optsWithGlobals())),
    );
  exportCommand
    .command('hledger')
    .description(
      'write the hledger journal of a year: account types, decimal comma, SEK, the opening balance first, one transaction per verifikation with its number, event id and dimensions as tags',
    )
    .addOption(yearOption('the year (default: the latest year with bookings)'))
    .option('--out <file>', 'write the journal here instead of stdout')
    .action(async (_options, command) =>
      onExitCode(
        await (await commands.exportHledger()).runExportHledger(command.optsWithGlobals()),
      ),
    );
};

const addImportCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('import')
    .description('bring in books kept in another system')
    .command('sie')
    .description(
      "book a SIE 4 file through the configuration's sie mapping; writes nothing unless every #UB and #RES then equals the books",
    )
    .argument('<file>', 'the SIE 4E or 4I file')
    .option('--dry-run', 'check and prove the import only; write nothing', false)
    .option(
      '--recorded-by <who>',
      'who imports: the metadata of the events written',
      'finsam import sie',
    )
    .option(
      '--without-budget',
      "read a foreign program's #PBUDGET but do not book it as the year's budget",
      false,
    )
    .action(async (path, _options, command) =>
      onExitCode(await (await commands.importSie()).runImportSie(path, command.optsWithGlobals())),
    );

const parseColumn = (value: string): number => {
  if (!/^[1-9]\d{0,1}$/.test(value))
    throw new InvalidArgumentError(
      `"${value}" is not a column: give its place as printed, from 1 (e.g. 2 for the year before).`,
    );
  return Number(value);
};

const addExplainCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('explain')
    .description(
      'list the verifikationer and events that make up one figure of the annual report, with their sum (asserted equal to the row)',
    )
    .argument('[row]', 'the row key, e.g. balansräkning/leverantörsskulder (see --list)')
    .addOption(yearOption('the year (default: the latest year with bookings)'))
    .option('--list', "print every row key of the year's report instead", false)
    .addOption(
      new Option(
        '--column <n>',
        'the column as printed, from 1 (default 1: the year itself)',
      ).argParser(parseColumn),
    )
    .option(
      '--full-history',
      "list each verifikation of the years before the column's, not their sum as ingående balans (json always lists them)",
      false,
    )
    .addOption(
      new Option('--format <format>', 'the output format')
        .choices(explainFormats)
        .default('text' as const),
    )
    .addOption(asOfOption('the figure'))
    .action(async (row, _options, command) =>
      onExitCode(await (await commands.explain()).runExplain(row, command.optsWithGlobals())),
    );

const bookListingFormatOption = () =>
  new Option(
    '--format <format>',
    'the output format (xlsx: a workbook of the CSV table, exact kronor in number cells; to --out FILE or stdout)',
  )
    .choices(bookListingFormats)
    .default('text' as const);

const addHuvudbokCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('huvudbok')
    .description(
      'print the huvudbok of a year: per account the opening balance, every transaction with the running balance, the closing balance, checked against the balansräkning and resultaträkning',
    )
    .addOption(yearOption('the year (default: the latest year with bookings)'))
    .addOption(bookListingFormatOption())
    .option('--out <file>', 'write it to this file instead of stdout')
    .addOption(asOfOption('the huvudbok'))
    .action(async (_options, command) =>
      onExitCode(await (await commands.huvudbok()).runHuvudbok(command.optsWithGlobals())),
    );

const addVerifikationerCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('verifikationer')
    .description(
      'print the verifikationslista of a year: every verifikation with its number, date, registration date, text, counterparty, lines and the event it came from; a correction with what it corrects, a corrected verifikation with its correction (of any year)',
    )
    .addOption(yearOption('the year (default: the latest year with bookings)'))
    .addOption(bookListingFormatOption())
    .option('--out <file>', 'write it to this file instead of stdout')
    .addOption(asOfOption('the verifikationslista'))
    .action(async (_options, command) =>
      onExitCode(
        await (await commands.verifikationer()).runVerifikationer(command.optsWithGlobals()),
      ),
    );

const addReskontraCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('reskontra')
    .description(
      'print the open items (kundfordringar, accruals, leverantörsskulder, other debts) as they stood at a date, with due dates, days overdue and ageing, each account checked against its balance in the ledger (xlsx: the items and the check on two sheets)',
    )
    .addOption(
      new Option(
        '--date <date>',
        'the date the items stood at, YYYY-MM-DD (default: today in Sweden)',
      ).argParser(parseDate),
    )
    .addOption(bookListingFormatOption())
    .option('--out <file>', 'write it to this file instead of stdout')
    .action(async (_options, command) =>
      onExitCode(await (await commands.reskontra()).runReskontra(command.optsWithGlobals())),
    );

const addReconcileCommand = (program: RootCommand, onExitCode: OnExitCode) =>
  program
    .command('reconcile')
    .description(
      'check published reports as printed (JSON, see docs/reconcile.md): their own arithmetic, against each other, and with --store against the ledger; exit code 1 on any difference beyond rounding',
    )
    .argument('<reports...>', 'printed reports of one förbund, one JSON file per year')
    .addOption(
      new Option('--format <format>', 'the output format')
        .choices(reconcileFormats)
        .default('text' as const),
    )
    .addOption(asOfOption("with --store, the ledger's figures"))
    .action(async (paths, _options, command) => {
      const source = command.getOptionValueSourceWithGlobals('store');
      const withLedger = source !== undefined && source !== 'default';
      onExitCode(
        await (
          await commands.reconcile()
        ).runReconcile(paths, { ...command.optsWithGlobals(), withLedger }),
      );
    });

/**
 * The `finsam` program: its commands, options, help and typo suggestions (commander's).
 * Each command's action hands its exit code to `onExitCode`; commander's own usage errors
 * are thrown as `CommanderError`s (see `exitOverride`) and mapped to exit code 2 by
 * {@link runFinsam}.
 */
export function createProgram(onExitCode: OnExitCode): RootCommand {
  const program = createRootCommand();
  addInitCommand(program, onExitCode);
  addRecordCommand(program, onExitCode);
  addIdCommand(program, onExitCode);
  addReportCommand(program, onExitCode);
  addVerifyCommand(program, onExitCode);
  addAuditCommand(program, onExitCode);
  addCopyCommand(program, onExitCode);
  addEventsCommand(program, onExitCode);
  addExportCommand(program, onExitCode);
  addImportCommand(program, onExitCode);
  addExplainCommand(program, onExitCode);
  addHuvudbokCommand(program, onExitCode);
  addVerifikationerCommand(program, onExitCode);
  addReskontraCommand(program, onExitCode);
  addReconcileCommand(program, onExitCode);
  return program;
}
