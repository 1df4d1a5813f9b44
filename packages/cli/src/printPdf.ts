import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** The codes of {@link PdfPrintError}. */
export const pdfPrintErrorCodes = [
  /** No Chromium executable where it was looked for: install Debian's `chromium`. */
  'CHROMIUM_NOT_FOUND',
  /** Chromium was found but could not print the document (it crashed or timed out). */
  'PDF_PRINT_FAILED',
] as const;

/** One of {@link pdfPrintErrorCodes}. */
export type PdfPrintErrorCode = (typeof pdfPrintErrorCodes)[number];

/** Why a PDF could not be printed, naming the Chromium looked for and what to install. */
export class PdfPrintError extends Error {
  override readonly name = 'PdfPrintError';
  readonly code: PdfPrintErrorCode;
  readonly issues: readonly { path: string; rule: string; message: string }[];

  constructor(
    code: PdfPrintErrorCode,
    message: string,
    options: { path: string; rule: string; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = [{ path: options.path, rule: options.rule, message }];
  }
}

/** True if `value` is a {@link PdfPrintError}. */
export const isPdfPrintError = (value: unknown): value is PdfPrintError =>
  value instanceof PdfPrintError;

/** Where Debian's `chromium` package (and older Ubuntu's) puts the browser. */
export const chromiumPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

/**
 * The flags Chromium runs with: headless (Playwright adds `--headless`), no sandbox (the
 * command may run as root in a container), and nothing that reaches the network on its own
 * (no updates, no sync, no QUIC). Each run gets a fresh, temporary user data directory.
 */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** How long Chromium may take to start, and to lay out and print the document. */
export const pdfTimeoutsMs = { launchMsMax: 120_000, printMsMax: 180_000 } as const;

const isExecutable = async (path: string): Promise<boolean> =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/**
 * The Chromium to print with: `requested` (from `--chromium` or `FINSAM_CHROMIUM`) if given,
 * else the first of {@link chromiumPaths} that exists. None found is a
 * {@link PdfPrintError} `CHROMIUM_NOT_FOUND` naming the Debian package to install.
 */
export async function findChromium(requested?: string): Promise<string> {
  const candidates = requested === undefined ? [...chromiumPaths] : [requested];
  for (const candidate of candidates) if (await isExecutable(candidate)) return candidate;
  const where =
    requested === undefined
      ? `at ${chromiumPaths.join(' or ')}`
      : `at ${requested} (given by --chromium or FINSAM_CHROMIUM)`;
  throw new PdfPrintError(
    'CHROMIUM_NOT_FOUND',
    `No Chromium executable ${where}. --format pdf prints with headless Chromium: install Debian's package chromium (apt-get install chromium), or point --chromium (FINSAM_CHROMIUM) at a Chromium executable.`,
    { path: '--chromium', rule: 'chromium-installed' },
  );
}

/**
 * Prints an HTML document to an A4 PDF with headless Chromium, driven by playwright-core
 * (which never downloads a browser of its own): a fresh temporary profile, every network
 * request refused (the report is self-contained), the page's own `@page` size and margins.
 */
export async function printHtmlToPdf(
  html: string,
  options: { chromium?: string } = {},
): Promise<Uint8Array> {
  const executablePath = await findChromium(options.chromium);
  const userDataDirectory = await mkdtemp(join(tmpdir(), 'finsam-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDirectory, {
      executablePath,
      headless: true,
      args: [...chromiumFlags],
      timeout: pdfTimeoutsMs.launchMsMax,
    });
    try {
      context.setDefaultTimeout(pdfTimeoutsMs.printMsMax);
      await context.route('**/*', (route) => route.abort());
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ printBackground: true, preferCSSPageSize: true, format: 'A4' });
    } finally {
      await context.close();
    }
  } catch (error) {
    if (isPdfPrintError(error)) throw error;
    throw new PdfPrintError(
      'PDF_PRINT_FAILED',
      `Chromium (${executablePath}) could not print the report: ${(error as Error).message}`,
      { path: '--format', rule: 'pdf-printed', cause: error },
    );
  } finally {
    await rm(userDataDirectory, { recursive: true, force: true });
  }
}
